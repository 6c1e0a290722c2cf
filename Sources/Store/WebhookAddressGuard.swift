import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Keeps webhook deliveries off the hospital's own network: the host a webhook names is resolved (the
/// system resolver reads every spelling of an address — `2130706433`, `0x7f.1`, `[::ffff:127.0.0.1]`)
/// and refused when any address it resolves to is loopback, private (RFC 1918, RFC 4193), shared
/// (RFC 6598), link-local (where cloud metadata services live), unspecified or multicast. Checked when
/// the webhook is added and again before every delivery, since a name can change what it points to.
public enum WebhookAddressGuard {
    /// Every address `host` resolves to, as text; empty when it does not resolve.
    public static func resolve(_ host: String) -> [String] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var result: UnsafeMutablePointer<addrinfo>?
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        guard getaddrinfo(bare, nil, &hints, &result) == 0, let first = result else { return [] }
        defer { freeaddrinfo(first) }
        var out: [String] = []
        var node: UnsafeMutablePointer<addrinfo>? = first
        while let n = node {
            var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
            if n.pointee.ai_family == AF_INET, let sa = n.pointee.ai_addr {
                var a = sa.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr }
                if inet_ntop(AF_INET, &a, &buffer, socklen_t(buffer.count)) != nil { out.append(String(cString: buffer)) }
            } else if n.pointee.ai_family == AF_INET6, let sa = n.pointee.ai_addr {
                var a = sa.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee.sin6_addr }
                if inet_ntop(AF_INET6, &a, &buffer, socklen_t(buffer.count)) != nil { out.append(String(cString: buffer)) }
            }
            node = n.pointee.ai_next
        }
        return out
    }

    /// True for an address a webhook must not reach.
    public static func isInternal(_ address: String) -> Bool {
        let lower = address.lowercased()
        if lower.contains(":") {
            if lower.hasPrefix("::ffff:"), lower.dropFirst(7).contains(".") { return isInternal(String(lower.dropFirst(7))) }
            if lower == "::" || lower == "::1" { return true }
            let firstGroup = UInt16(lower.split(separator: ":", omittingEmptySubsequences: false).first.flatMap { $0.isEmpty ? "0" : String($0) } ?? "0", radix: 16) ?? 0
            if firstGroup & 0xffc0 == 0xfe80 { return true }   // fe80::/10 link-local
            if firstGroup & 0xfe00 == 0xfc00 { return true }   // fc00::/7 unique local
            if firstGroup & 0xff00 == 0xff00 { return true }   // ff00::/8 multicast
            return false
        }
        let parts = lower.split(separator: ".").compactMap { UInt8($0) }
        guard parts.count == 4 else { return true }
        let (a, b) = (parts[0], parts[1])
        return a == 0 || a == 10 || a == 127 || (a == 169 && b == 254) || (a == 172 && (16...31).contains(b))
            || (a == 192 && b == 168) || (a == 100 && (64...127).contains(b)) || a >= 224
    }

    /// Why `host` may not receive webhooks, or nil.
    public static func refusal(host: String) -> String? {
        let addresses = resolve(host)
        if addresses.isEmpty { return "its host does not resolve" }
        if addresses.contains(where: isInternal) { return "it points into a private, loopback or link-local network" }
        return nil
    }
}
