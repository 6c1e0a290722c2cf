import CartographCore
import Fluent
import Foundation
import PropertyBased
@testable import Store
import Testing
import TestSupport

/// Random event sequences recorded through the repositories, for several patients at once: the
/// dashboard, the patient list and the patient page always say what the journey state machine says,
/// nothing is planned after an off-ramp, and no manufacturing slot is held by a patient off the pathway.
/// The list read from the stored statuses (`PatientDirectory.page`) is, page by page, the list derived
/// straight from the records, however the records changed after the statuses were stored.
@Suite("Journey agreement across pages, over random event sequences", .serialized)
struct JourneyAgreementPropertyTests {
    static let kinds = JourneyEventKind.allCases
    static let patients = 3

    /// Each number names a patient, an event kind, a step forward in days (0–9) and whether a reason is
    /// given. A collection is scheduled a few days ahead, as centers book it.
    static func script(_ codes: [Int], from start: CalendarDate) -> [(patient: Int, event: JourneyEvent, today: CalendarDate)] {
        var day = start
        return codes.map { n in
            let patient = n % patients
            let kind = kinds[(n / patients) % kinds.count]
            day = day.adding(days: (n / (patients * kinds.count)) % 10)
            let reason = (n / (patients * kinds.count * 10)) % 5 == 0 ? nil : "recorded reason"
            let date = kind == .collectionScheduled ? day.adding(days: 4) : day
            return (patient, JourneyEvent(kind, on: date, reason: reason), day)
        }
    }

    @Test("dashboard, list and patient page agree with the state machine; off-ramps plan nothing and hold no slot")
    func agreement() async {
        let codes = Gen.int(in: 0...(Self.patients * Self.kinds.count * 50 - 1)).array(of: 5...30)
        await propertyCheck(count: 12, input: codes) { codes in
            try await withTestApp { app in
                let f = try await Fixtures.make(on: app)
                let site = ManufacturingSite(code: "M01", name: "Site", timeZone: "Asia/Shanghai", facilityCode: "X9999")
                try await site.create(on: app.db)
                let capacity = ManufacturingCapacityRecord()
                capacity.siteID = try site.requireID()
                capacity.slotsPerWeek = 20
                try await capacity.create(on: app.db)
                let start = CalendarDate("2026-01-12")!
                var therapies: [UUID] = []
                var patientIDs: [UUID] = []
                for i in 0..<Self.patients {
                    let (p, t) = try await PatientRepository.enrol(Fixtures.enrolment(given: "P\(i)", enrolled: "2026-01-10"),
                                                                   by: f.coordinatorA, today: start, on: app.db)
                    therapies.append(try t.requireID())
                    patientIDs.append(try p.requireID())
                }
                var today = start
                for step in Self.script(codes, from: start) {
                    today = step.today
                    // Reading the list stores statuses that the event, recorded the same day, must invalidate.
                    _ = try await PatientDirectory.page(PatientListQuery(), for: f.coordinatorA, today: today, on: app.db)
                    // Refused events are part of the walk: they must change nothing.
                    _ = try? await JourneyRepository.record(step.event, therapyID: therapies[step.patient], by: f.coordinatorA,
                                                            today: today, on: app.db)
                    let page = try await PatientDirectory.page(PatientListQuery(), for: f.coordinatorA, today: today, on: app.db)
                    let reference = try await PatientDirectory.rows(for: f.coordinatorA, today: today, on: app.db)
                    #expect(page.rows == PatientDirectory.paged(reference, query: PatientListQuery(), after: nil).rows,
                            "after \(step.event.kind) on \(today)")
                    // Counted from the statuses alone, and through the join when a filter needs it.
                    #expect(page.total == reference.count)
                    for stage in Set(reference.map(\.stage)) {
                        var q = PatientListQuery()
                        q.stage = stage
                        #expect(try await PatientDirectory.page(q, for: f.coordinatorA, today: today, on: app.db).total
                                == reference.filter { $0.stage == stage }.count, "\(stage)")
                        q.productID = ProductCatalogue.fucaso.id
                        #expect(try await PatientDirectory.page(q, for: f.coordinatorA, today: today, on: app.db).total
                                == reference.filter { $0.stage == stage }.count, "\(stage), with a product")
                    }
                }
                for asOf in [today, today.adding(days: 60)] {
                    try await Self.verify(app.db, actor: f.coordinatorA, therapies: therapies, patients: patientIDs, today: asOf)
                }
            }
        }
    }

    static func verify(_ db: Database, actor: ActingUser, therapies: [UUID], patients: [UUID], today: CalendarDate) async throws {
        let profile = ProductCatalogue.fucaso
        let dashboard = try await ProgramDashboard.load(for: actor, today: today, on: db)
        let rows = Dictionary(uniqueKeysWithValues: try await PatientDirectory.rows(for: actor, today: today, on: db).map { ($0.id, $0) })
        var stages: [String: Int] = [:]
        for (tid, pid) in zip(therapies, patients) {
            let state = try JourneyStateMachine.replay(try await JourneyRepository.events(of: tid, on: db), profile: profile)
            let plan = JourneyPlanning.plan(state, profile: profile, today: today)
            let stage = state.stage(asOf: today, profile: profile)
            stages[stage.rawValue, default: 0] += 1
            let file = try await PatientFile.load(patientID: pid, for: actor, today: today, on: db)
            #expect(file.stage == stage)
            #expect(file.plan == plan)
            #expect(rows[pid]?.stage == stage)
            #expect(rows[pid]?.overdue == plan.overdue.count)
            let code = file.code
            let listed = dashboard.upcoming.filter { $0.patientID == pid }
            let due = dashboard.overdue.filter { $0.patientID == pid }
            if stage.isOffRamp {
                #expect(plan.upcoming.isEmpty && plan.overdue.isEmpty, "\(code) at \(stage) still plans \(plan.upcoming.map(\.what))")
                #expect(listed.isEmpty && due.isEmpty, "\(code) at \(stage) is on the dashboard")
                #expect(!file.allowedEvents.contains(.collectionScheduled) || [.manufacturingFailed, .outOfSpecification].contains(stage))
                if stage != .followUpEnded {
                    let held = try await SlotBookingRecord.query(on: db).filter(\.$therapyID == tid).filter(\.$status == "active").count()
                    #expect(held == 0, "\(code) at \(stage) holds a manufacturing slot")
                }
            }
            // What the dashboard lists for the next 14 days is exactly the plan's, in that window.
            let horizon = today.adding(days: 14)
            #expect(Set(listed.map(\.what)) == Set(plan.upcoming.filter { $0.date >= today && $0.date <= horizon }.map(\.what)))
            #expect(Set(due.map(\.what)) == Set(plan.overdue.map(\.what)))
            // Every event the page offers is one the state machine accepts on the next day.
            for kind in file.allowedEvents {
                var probe = state
                let day = (state.lastEventDate ?? today).adding(days: 1)
                #expect((try? JourneyStateMachine.apply(JourneyEvent(kind, on: day, reason: "r"), to: &probe, profile: profile)) != nil)
            }
        }
        #expect(dashboard.byStage == stages)
        try await verifyStoredList(db, actor: actor, today: today)
    }

    /// Every order and filter, walked page by page with a page of 2: the stored list equals the reference.
    static func verifyStoredList(_ db: Database, actor: ActingUser, today: CalendarDate) async throws {
        let reference = try await PatientDirectory.rows(for: actor, today: today, on: db)
        var queries: [PatientListQuery] = []
        for sort in PatientListQuery.Sort.allCases {
            for descending in [false, true] {
                var q = PatientListQuery(); q.sort = sort; q.descending = descending; q.limit = 2
                queries.append(q)
            }
        }
        var overdue = PatientListQuery(); overdue.overdue = true; overdue.limit = 2
        var deviating = PatientListQuery(); deviating.deviating = true; deviating.sort = .stage
        var search = PatientListQuery(); search.search = "p1"
        queries += [overdue, deviating, search]
        for stage in Set(reference.map(\.stage)) {
            var q = PatientListQuery(); q.stage = stage; q.sort = .studyDay; q.descending = true
            queries.append(q)
        }
        for query in queries {
            var stored: [PatientListRow] = [], expected: [PatientListRow] = []
            var q = query, cursor: PatientDirectory.Cursor? = nil
            for _ in 0..<10 {
                let page = try await PatientDirectory.page(q, for: actor, today: today, on: db)
                let want = PatientDirectory.paged(reference, query: q, after: cursor)
                #expect(page.total == want.total, "\(query)")
                stored += page.rows; expected += want.rows
                guard let next = page.nextCursor else { #expect(want.nextCursor == nil); break }
                q.cursor = next
                cursor = try PatientDirectory.Cursor(text: next)
            }
            // Patients without a study day come last whichever way study days are sorted.
            if query.sort == .studyDay, let firstNone = stored.firstIndex(where: { $0.studyDay == nil }) {
                #expect(stored[firstNone...].allSatisfy { $0.studyDay == nil }, "\(query): a study day after a patient without one")
            }
            #expect(stored == expected, "\(query): stored \(stored.map { "\($0.code) \($0.stage) \($0.overdue)" }) expected \(expected.map { "\($0.code) \($0.stage) \($0.overdue)" })")
        }
    }
}
