import CartographCore
import Fluent
import NIOConcurrencyHelpers
import Store
import Vapor

/// Raises time-driven alerts (`TimeDrivenAlerts`) once a minute while the server runs, so a missed
/// Day 0–28 assessment alerts the board when it comes due, not when someone happens to open a page.
/// Started by `cartograph serve`; tests call `TimeDrivenAlerts.raiseDue` themselves.
final class AlertScheduler: LifecycleHandler, Sendable {
    let interval: Duration
    private let task = NIOLockedValueBox<Task<Void, Never>?>(nil)

    init(interval: Duration = .seconds(60)) { self.interval = interval }

    func didBootAsync(_ application: Application) async throws {
        let fixed = application.settings.fixedToday.flatMap { CalendarDate($0) }
        let db = application.db
        let logger = application.logger
        let interval = self.interval
        task.withLockedValue {
            $0 = Task {
                while !Task.isCancelled {
                    do {
                        let raised = try await TimeDrivenAlerts.raiseDue(fixedToday: fixed, on: db)
                        if raised > 0 { logger.info("raised \(raised) time-driven alert(s)") }
                    } catch {
                        logger.error("time-driven alerts failed: \(String(describing: error))")
                    }
                    try? await Task.sleep(for: interval)
                }
            }
        }
    }

    func shutdownAsync(_ application: Application) async {
        let running = task.withLockedValue { t -> Task<Void, Never>? in let r = t; t = nil; return r }
        running?.cancel()
        await running?.value
    }
}

extension Application {
    /// Runs the alert scheduler and the alert delivery worker while the server runs.
    public func useAlertScheduler() {
        lifecycle.use(AlertScheduler())
        lifecycle.use(AlertDeliveryWorker())
    }
}
