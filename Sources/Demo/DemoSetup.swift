import CartographCore
import Clinical
import Fluent
import Foundation
import Store

/// The demo program's fixed parts: a center, a manufacturing site and one account per role.
public enum DemoSetup {
    public static let centerCode = "C01"
    public static let password = "cartograph-demo"
    public static func email(for role: Role) -> String { "\(role.rawValue)@demo.cartograph.test" }

    /// What the database holds besides the demo program and in-silico studies, in words (a center or an
    /// account), or nil when it holds nothing else.
    public static func foreignData(on db: Database) async throws -> String? {
        for center in try await Center.query(on: db).all() where center.code != centerCode && center.code != VirtualStudy.centerCode {
            return "center \(center.code)"
        }
        let virtualCenter = try await Center.query(on: db).filter(\.$code == VirtualStudy.centerCode).first()?.id
        for user in try await User.query(on: db).all() where !user.email.hasSuffix("@demo.cartograph.test") && user.$center.id != virtualCenter {
            return "the account \(user.email)"
        }
        return nil
    }

    /// True when the database holds no center yet.
    public static func isEmpty(on db: Database) async throws -> Bool {
        try await Center.query(on: db).count() == 0
    }

    /// Creates the center, site and accounts (password hashes made by `hash`), then loads the courses as
    /// the coordinator. Everything is written through the repositories, with audit records.
    ///
    /// - Parameters:
    ///   - origin: `real` for the demo program, `virtual` for an in-silico trial cohort (stored on each
    ///     patient and lab result, so a virtual patient can never pass for a real one).
    ///   - bedside: per course, the bedside assessments to record (graded on save by the ASTCT engines);
    ///     `nil` generates the demo's own Day 0–28 records.
    public static func load(courses: [PatientCourse], today: CalendarDate, timeZone: String = "Asia/Shanghai",
                            origin: String = "real", bedside: [[SafetyAssessment]]? = nil,
                            hash: (String) throws -> String, on db: Database) async throws -> [UUID] {
        // A virtual cohort's recorders get a password nobody knows; only the demo gets the demo password.
        let passwordHash = try hash(origin == "virtual" ? VirtualStudy.unguessableSecret() : password)
        if let bedside, bedside.count != courses.count {
            throw StoreError.conflict("\(bedside.count) bedside series for \(courses.count) courses")
        }
        // All or nothing: a demo that fails halfway leaves the database as it was.
        // A caller that hands in a database holding its audit records back (`HeldBackAudit`) gets them
        // appended here, in the load's own transaction.
        return try await db.transaction { tx in
            try await HeldBackAudit.appending(on: tx) {
                try await loadInTransaction(courses: courses, today: today, timeZone: timeZone, passwordHash: passwordHash,
                                            origin: origin, bedside: bedside, on: tx)
            }
        }
    }

    static func loadInTransaction(courses: [PatientCourse], today: CalendarDate, timeZone: String, passwordHash: String,
                                  origin: String = "real", bedside: [[SafetyAssessment]]? = nil,
                                  on db: Database) async throws -> [UUID] {
        // An in-silico cohort is its own study, outside the demo center: its patients get the study's
        // code prefix and never appear in a center's daily work, and no sign-in account is made for it.
        let home = origin == "virtual" ? try await VirtualStudy.ensure(timeZone: timeZone, passwordHash: passwordHash, on: db)
            : try await AccountRepository.ensureCenter(code: centerCode, name: "Demo Cell Therapy Center", timeZone: timeZone, on: db)
        if try await ManufacturingSite.query(on: db).filter(\.$code == "M01").first() == nil {
            // The demo center runs its site; an in-silico study runs none.
            let site = ManufacturingSite(code: "M01", name: "Demo GMP Manufacturing Site", timeZone: timeZone, facilityCode: "X9999",
                                         operatorCenterID: origin == "virtual" ? nil : try home.requireID())
            try await site.create(on: db)
            // Weekly manufacturing slots, so the demo's collections each reserve one; enough that no
            // generated week can overflow (each therapy holds at most one active booking).
            let capacity = ManufacturingCapacityRecord()
            capacity.siteID = try site.requireID()
            capacity.slotsPerWeek = max(6, courses.count)
            try await capacity.create(on: db)
        }
        var coordinator: User?
        if origin == "virtual" {
            coordinator = try await VirtualStudy.recorder(.coordinator, on: db)
        } else {
            for role in Role.staff {
                var user = try await AccountRepository.user(email: email(for: role), on: db)
                if user == nil {
                    user = try await AccountRepository.createUser(centerCode: centerCode, email: email(for: role),
                                                                  displayName: "Demo \(role.displayName)", role: role,
                                                                  passwordHash: passwordHash, actor: nil, on: db)
                }
                if role == .coordinator { coordinator = user }
            }
        }
        guard let coordinator else { throw StoreError.notFound("a coordinator account") }
        let actor = ActingUser(userID: try coordinator.requireID(), centerID: try home.requireID(), role: .coordinator)
        let staff = try await DemoCustody.Staff.of(center: try home.requireID(), on: db)
        // Every infused demo therapy gets its full chain of custody, ending in a signed bedside check,
        // before its infusion is recorded (the journey's infusion requires that check).
        let ids = try await ProgramLoader.load(courses, by: actor, today: today, origin: origin, beforeEvent: { tid, event in
            guard event.kind == .infused else { return }
            try await DemoCustody.record(therapyID: tid, journey: try await JourneyRepository.events(of: tid, on: db), infusion: event.date,
                                         zone: home.zone, site: "M01", facility: .placeholder, staff: staff, on: db)
        }, on: db)
        // Therapies on their way to infusion get the custody trail so far, so manufacturing and QA have work.
        if origin == "real" {
            var variants: [JourneyStage: Int] = [:]
            for pid in ids {
                let therapy = try await PatientRepository.therapy(ofPatient: pid, on: db)
                let tid = try therapy.requireID()
                guard let profile = ProductCatalogue.profile(id: therapy.productID) else { continue }
                let journey = try await JourneyRepository.events(of: tid, on: db)
                let state = try JourneyStateMachine.replay(journey, profile: profile)
                guard state.infusionDate == nil, !state.collectionDates.isEmpty else { continue }
                let variant = variants[state.stage, default: 0]
                variants[state.stage] = variant + 1
                try await DemoCustody.recordInProgress(therapyID: tid, journey: journey, stage: state.stage, variant: variant, today: today,
                                                       zone: home.zone, site: "M01", facility: .placeholder, staff: staff, on: db)
            }
        }
        let nurseActor = staff.nurse
        if let bedside {
            for (pid, series) in zip(ids, bedside) where !series.isEmpty {
                let tid = try await PatientRepository.therapy(ofPatient: pid, on: db).requireID()
                _ = try await SafetyRepository.recordAssessments(series.map { .init(observed: $0, at: $0.recordedAt, now: $0.recordedAt) },
                                                                 therapyID: tid, by: nurseActor, on: db)
            }
        } else {
            try await loadSafetyRecords(patients: ids, center: home, today: today, by: nurseActor, on: db)
        }
        return ids
    }

    /// Day 0–28 bedside records for every infused demo patient, recorded through the safety repository
    /// (graded by the engines, alerts raised as they would be).
    static func loadSafetyRecords(patients: [UUID], center: Center, today: CalendarDate, by nurse: ActingUser, on db: Database) async throws {
        // One patient early in the monitoring window has a grade 2 CRS running today, so the board has
        // someone to act on whatever the demo's date.
        var forced = false
        for (n, pid) in patients.enumerated() {
            let therapy = try await PatientRepository.therapy(ofPatient: pid, on: db)
            let tid = try therapy.requireID()
            guard let profile = ProductCatalogue.profile(id: therapy.productID),
                  let infusion = try JourneyStateMachine.replay(try await JourneyRepository.events(of: tid, on: db), profile: profile).infusionDate
            else { continue }
            let day = studyDay(of: today, infusion: infusion)
            let force = !forced && (3...profile.windows.closeMonitoringDays).contains(day)
            if force { forced = true }
            let entries = SafetyDemoCourse.entries(infusion: infusion, today: today, timeZone: center.zone, seed: UInt64(n + 1) &* 7919,
                                                   scheduledDays: profile.windows.monitoringAssessmentDays,
                                                   lastDay: profile.windows.monitoringEndDay, ongoingCRSGrade: force ? 2 : nil)
            // Each record is written as it would have been at its own time, so alerts (a missed
            // assessment, a rising grade) are raised as they would have been then, not all at once today.
            // Consecutive assessments go in one call, which raises their alerts as one at a time would.
            var pending: [SafetyRepository.TimedAssessment] = []
            func flush() async throws {
                guard !pending.isEmpty else { return }
                _ = try await SafetyRepository.recordAssessments(pending, therapyID: tid, by: nurse, on: db)
                pending = []
            }
            for entry in entries {
                switch entry {
                case .assessment(let a):
                    pending.append(.init(observed: a, at: a.recordedAt, now: a.recordedAt))
                case let .intervention(kind, drug, dose, at):
                    try await flush()
                    _ = try await SafetyRepository.recordIntervention(kind, drug: drug, dose: dose, at: at, therapyID: tid, by: nurse, now: at, on: db)
                }
            }
            try await flush()
        }
    }
}
