import CartographCore
import Fluent
import Store
import Vapor

struct SettingsKey: StorageKey { typealias Value = Settings }

extension Application {
    var settings: Settings {
        get { storage[SettingsKey.self] ?? Settings(database: .sqlite(path: "var/cartograph.sqlite")) }
        set { storage[SettingsKey.self] = newValue }
    }
}

extension Request {
    /// Today in the signed-in user's center's time zone (or the fixed date of the settings).
    func today() async throws -> CalendarDate {
        if let fixed = application.settings.fixedToday, let d = CalendarDate(fixed) { return d }
        let center = try await Center.find(try user.$center.id, on: db)
        return CalendarDate.today(in: center?.zone ?? .current)
    }
}
