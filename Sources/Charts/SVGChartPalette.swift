import Foundation

extension SVGChart {
    /// Colours used by every chart, so the same category keeps the same colour across a report.
    ///
    /// The categorical colours are the Okabe–Ito palette (Okabe M, Ito K. *Color Universal Design
    /// (CUD): how to make figures and presentations that are friendly to colorblind people*, 2008;
    /// also Wong B. *Points of view: Color blindness*, Nature Methods 8:441, 2011), which stays
    /// distinguishable under protanopia, deuteranopia and tritanopia. Yellow is placed last because
    /// it has poor contrast on white.
    public enum Palette {
        public static let black = "#000000"
        public static let orange = "#E69F00"
        public static let skyBlue = "#56B4E9"
        public static let bluishGreen = "#009E73"
        public static let yellow = "#F0E442"
        public static let blue = "#0072B2"
        public static let vermillion = "#D55E00"
        public static let reddishPurple = "#CC79A7"

        /// Neutral greys for axes, grid lines, planned bars and text.
        public static let axis = "#333333"
        public static let grid = "#E5E5E5"
        public static let muted = "#767676"
        public static let light = "#D9D9D9"

        /// Categorical order: the n-th series or category gets `categorical[n % 8]`.
        public static let categorical: [String] = [
            blue, orange, bluishGreen, vermillion, skyBlue, reddishPurple, black, yellow,
        ]

        /// The colour of the `index`-th category (cycling after eight).
        public static func category(_ index: Int) -> String {
            categorical[((index % categorical.count) + categorical.count) % categorical.count]
        }

        /// Colour for a toxicity grade 0–5 (ASTCT CRS/ICANS or CTCAE): an ordered ramp built from
        /// Okabe–Ito hues, pale grey for grade 0 and black for grade 5 (death). Grades outside 0…5
        /// are clamped. Charts also print the grade number, so colour is never the only cue.
        public static func grade(_ grade: Int) -> String {
            let ramp = ["#EDEDED", yellow, orange, vermillion, reddishPurple, black]
            return ramp[min(max(grade, 0), 5)]
        }

        /// Text colour that stays readable on `grade(_:)`'s fill.
        public static func gradeText(_ grade: Int) -> String {
            textColor(on: self.grade(grade))
        }

        /// Black or white, whichever has the higher WCAG 2.1 contrast ratio against `background`
        /// (`#RRGGBB`; relative luminance per WCAG 2.1 §1.4.3 with the sRGB transfer function).
        /// Anything that is not `#RRGGBB` gets black.
        public static func textColor(on background: String) -> String {
            let hex = Array(background.utf8)
            guard hex.count == 7, hex[0] == UInt8(ascii: "#"),
                  let v = UInt32(String(decoding: hex[1...], as: UTF8.self), radix: 16) else { return black }
            func channel(_ c: UInt32) -> Double {
                let s = Double(c) / 255
                return s <= 0.04045 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
            }
            let l = 0.2126 * channel(v >> 16 & 0xFF) + 0.7152 * channel(v >> 8 & 0xFF) + 0.0722 * channel(v & 0xFF)
            return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? black : "#ffffff"
        }

        /// Assigns palette colours to category names in order of first appearance, after an explicit
        /// `order` (names listed there take the first colours, in that order, even when absent from
        /// `names`, so a category keeps its colour from one chart to the next). Only names present in
        /// `names` are returned, so a legend lists what is drawn and colours never depend on
        /// dictionary ordering.
        public static func assign(_ names: [String], order: [String] = []) -> [(name: String, color: String)] {
            var all: [String] = []
            for n in order + names where !all.contains(n) { all.append(n) }
            return all.enumerated().compactMap { item in
                names.contains(item.element) ? (item.element, category(item.offset)) : nil
            }
        }
    }
}
