import Foundation
import Kinetics
import Testing

/// NCA of CAR transgene series; every expected value is computed by hand in the comments.
@Suite("NCA of a CAR transgene series")
struct NCATransgeneTests {
    static func series(_ pairs: [(Double, Double)]) -> [TransgeneSample] {
        pairs.map { TransgeneSample(day: $0.0, copiesPerMicrogram: $0.1) }
    }

    /// Days 0, 7, 14, 21, 35, 90 with 0, 1000, 8000, 4000, 1000, 100 copies/µg; LLOD 50.
    /// AUC 0–7 linear (0 + 1000)/2·7 = 3500; 7–14 linear (1000 + 8000)/2·7 = 31500;
    /// 14–21 log (8000 − 4000)·7/ln2 = 28000/ln2; day 28 interpolated log-linearly between 21 (4000)
    /// and 35 (1000): 4000·(1/4)^(7/14) = 2000; 21–28 log (4000 − 2000)·7/ln2 = 14000/ln2.
    /// Total = 35000 + 42000/ln2 ≈ 95593.19.
    static let peak = series([(0, 0), (7, 1000), (14, 8000), (21, 4000), (35, 1000), (90, 100)])

    @Test("Cmax, Tmax, AUC(0–28) with log-linear interpolation at day 28, Tlast")
    func workedExample() {
        // setup / MUT
        let r = TransgeneNCA.analyze(samples: Self.peak, lowerLimitOfDetection: 50)
        // validate
        #expect(r.cmax == 8000)
        #expect(r.tmax == 14)
        #expect(ncaClose(r.auc0to28, 35000 + 42000 / log(2.0)))
        #expect(r.auc0to28Interpolated)
        #expect(r.tlast == 90)
        #expect(r.persistenceDays == 90)
        #expect(r.persistenceOngoing)
        #expect(r.detectableAt12Months == nil)
        #expect(r.ruleSet == "TRANSGENE-NCA-1")
    }

    @Test("rising through day 28: linear interpolation; no day-0 sample: the profile starts at (0, 0)")
    func risingInterpolationAndDayZero() {
        // setup: days 10, 30 at 100, 300. Profile (0,0), (10,100), (30,300).
        // 0–10 linear 100/2·10 = 500; day 28 linear 280; 10–28 (100 + 280)/2·18 = 3420. Total 3920.
        let samples = Self.series([(10, 100), (30, 300)])
        // MUT
        let r = TransgeneNCA.analyze(samples: samples, lowerLimitOfDetection: 10)
        // validate
        #expect(ncaClose(r.auc0to28, 3920))
        #expect(r.auc0to28Interpolated)
    }

    @Test("a sample on day 28 ends the AUC there without interpolation")
    func sampleOnDay28() {
        // setup: (0,0), (7,1000), (28,1000), (60, 10): 3500 + 1000·21 = 24500
        let samples = Self.series([(0, 0), (7, 1000), (28, 1000), (60, 10)])
        // MUT
        let r = TransgeneNCA.analyze(samples: samples, lowerLimitOfDetection: 5)
        // validate
        #expect(ncaClose(r.auc0to28, 24500))
        #expect(!r.auc0to28Interpolated)
    }

    @Test("below LLOD counts as 0 for AUC (linear segment) and as undetected for Tlast")
    func belowLimit() {
        // setup: LLOD 50; day 21 has 40 (< LLOD → 0), day 35 has 60.
        // 0–7: 3500; 7–14: 31500; 14–21: 8000 → 0 is linear: 8000/2·7 = 28000;
        // day 28 between 0 (day 21) and 60 (day 35), rising → linear 30; 21–28: 30/2·7 = 105.
        // Total 63105. Tlast = 35 (60 ≥ 50); the last sample (day 60, 49) is undetected.
        let samples = Self.series([(0, 0), (7, 1000), (14, 8000), (21, 40), (35, 60), (60, 49)])
        // MUT
        let r = TransgeneNCA.analyze(samples: samples, lowerLimitOfDetection: 50)
        // validate
        #expect(ncaClose(r.auc0to28, 63105))
        #expect(r.tlast == 35)
        #expect(r.persistenceDays == 35)
        #expect(!r.persistenceOngoing)
    }

    @Test("a level exactly at the LLOD is detected")
    func atLimit() {
        // setup
        let samples = Self.series([(0, 0), (14, 500), (100, 50)])
        // MUT
        let r = TransgeneNCA.analyze(samples: samples, lowerLimitOfDetection: 50)
        // validate
        #expect(r.tlast == 100)
        #expect(r.persistenceOngoing)
    }

    @Test("never detected: no Cmax, Tmax or Tlast; AUC 0; persistence 0")
    func neverDetected() {
        // setup
        let samples = Self.series([(0, 0), (14, 20), (28, 10), (90, 0)])
        // MUT
        let r = TransgeneNCA.analyze(samples: samples, lowerLimitOfDetection: 50)
        // validate
        #expect(r.cmax == nil)
        #expect(r.tmax == nil)
        #expect(r.tlast == nil)
        #expect(r.auc0to28 == 0)
        #expect(r.persistenceDays == 0)
        #expect(!r.persistenceOngoing)
    }

    @Test("equal peaks: Tmax is the first; series ending before day 28: no AUC(0–28)")
    func tiesAndShortSeries() {
        // setup
        let samples = Self.series([(0, 0), (10, 900), (14, 900), (21, 300)])
        // MUT
        let r = TransgeneNCA.analyze(samples: samples, lowerLimitOfDetection: 50)
        // validate
        #expect(r.tmax == 10)
        #expect(r.auc0to28 == nil)
    }

    @Test("intermittent detection: a detectable sample after an undetected one extends persistence")
    func intermittent() {
        // setup
        let samples = Self.series([(0, 0), (14, 5000), (180, 20), (270, 80), (400, 10)])
        // MUT
        let r = TransgeneNCA.analyze(samples: samples, lowerLimitOfDetection: 50)
        // validate
        #expect(r.tlast == 270)
        #expect(r.persistenceDays == 270)
    }

    @Test("12 and 24 months: nearest sample within ±45 days decides; window edges inclusive; ties go later")
    func monthWindows() {
        // setup: LLOD 50.
        // Month 12 (day 365): samples 350 (detected, 15 days off) and 420 (not, 55 days off → outside) → true.
        // Month 24 (day 730): 685 (detected, −45, inside) and 775 (not, +45, inside): tie → later → false.
        let samples = Self.series([(0, 0), (14, 5000), (350, 80), (420, 10), (685, 70), (775, 10)])
        // Window edge: a sample at day 319 (46 days before) is outside; at 320 inside.
        let outside = Self.series([(0, 0), (14, 5000), (319, 80)])
        let inside = Self.series([(0, 0), (14, 5000), (320, 80)])
        // MUT
        let r = TransgeneNCA.analyze(samples: samples, lowerLimitOfDetection: 50)
        // validate
        #expect(r.detectableAt12Months == true)
        #expect(r.detectableAt24Months == false)
        #expect(TransgeneNCA.analyze(samples: outside, lowerLimitOfDetection: 50).detectableAt12Months == nil)
        #expect(TransgeneNCA.analyze(samples: inside, lowerLimitOfDetection: 50).detectableAt12Months == true)
    }
}
