import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import Charts

/// A parsed XML element, for structure assertions on rendered SVG.
final class SVGTestNode {
    let name: String
    let attributes: [String: String]
    var children: [SVGTestNode] = []
    var text = ""

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    /// This node and every descendant, in document order.
    var all: [SVGTestNode] { [self] + children.flatMap(\.all) }

    func descendants(_ name: String? = nil, class cls: String? = nil) -> [SVGTestNode] {
        all.filter { n in
            (name == nil || n.name == name)
                && (cls == nil || (n.attributes["class"] ?? "").split(separator: " ").contains { $0 == cls! })
        }
    }

    func number(_ attribute: String) -> Double? { attributes[attribute].flatMap(Double.init) }
}

struct SVGTestParseError: Error, CustomStringConvertible {
    var description: String
}

/// Parses `xml` with Foundation's XMLParser; throws if it is not well-formed.
func parseSVG(_ xml: String) throws -> SVGTestNode {
    final class Delegate: NSObject, XMLParserDelegate {
        var stack: [SVGTestNode] = []
        var root: SVGTestNode?
        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            let node = SVGTestNode(name: elementName, attributes: attributeDict)
            stack.last?.children.append(node)
            if root == nil { root = node }
            stack.append(node)
        }
        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            stack.removeLast()
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last?.text += string
        }
    }
    let parser = XMLParser(data: Data(xml.utf8))
    let delegate = Delegate()
    parser.delegate = delegate
    guard parser.parse(), let root = delegate.root else {
        throw SVGTestParseError(description: "not well-formed: \(parser.parserError.map { "\($0)" } ?? "no root")")
    }
    return root
}

/// Centre of a `+` censor mark path "Mx1,yHx2Mx,y1Vy2".
func plusCentre(_ d: String) -> (x: Double, y: Double)? {
    let parts = d.split(whereSeparator: { "MHV".contains($0) })
    guard parts.count == 4 else { return nil }
    let second = parts[2].split(separator: ",")
    guard second.count == 2, let x = Double(second[0]), let y = Double(parts[0].split(separator: ",")[1]) else { return nil }
    return (x, y)
}
