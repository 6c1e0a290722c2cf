import Clinical
import Testing

/// Measurable disease at baseline (Kumar 2016 footnote; Rajkumar 2011): serum M ≥ 1 g/dL, urine M
/// ≥ 200 mg/24 h, involved FLC ≥ 10 mg/dL = 100 mg/L with an abnormal κ/λ ratio (normal 0.26–1.65).
@Suite("IMWG measurable disease")
struct IMWGMeasurableDiseaseTests {
    @Test("serum M-protein: 1.0 g/dL qualifies, 0.99 does not")
    func serumBoundary() {
        // setup
        let at = IMWGBaseline(serumMProteinGramsPerDeciliter: 1.0)
        let below = IMWGBaseline(serumMProteinGramsPerDeciliter: 0.99)
        // MUT
        let atResult = IMWGMeasurableDisease.of(at)
        let belowResult = IMWGMeasurableDisease.of(below)
        // validate
        #expect(atResult == [.serum])
        #expect(belowResult == [])
    }

    @Test("urine M-protein: 200 mg/24 h qualifies, 199 does not")
    func urineBoundary() {
        // setup
        let at = IMWGBaseline(urineMProteinMilligramsPer24h: 200)
        let below = IMWGBaseline(urineMProteinMilligramsPer24h: 199)
        // MUT / validate
        #expect(IMWGMeasurableDisease.of(at) == [.urine])
        #expect(IMWGMeasurableDisease.of(below) == [])
    }

    @Test("involved FLC: 100 mg/L (10 mg/dL) with abnormal ratio qualifies, 99 mg/L does not")
    func flcLevelBoundary() {
        // setup: κ 100, λ 10 → ratio 10 (abnormal); κ 99, λ 10 → ratio 9.9 but level < 100 mg/L
        let at = IMWGBaseline(kappaFreeLightChainMilligramsPerLiter: 100, lambdaFreeLightChainMilligramsPerLiter: 10)
        let below = IMWGBaseline(kappaFreeLightChainMilligramsPerLiter: 99, lambdaFreeLightChainMilligramsPerLiter: 10)
        // MUT / validate
        #expect(IMWGMeasurableDisease.of(at) == [.flc])
        #expect(IMWGMeasurableDisease.of(below) == [])
    }

    @Test("FLC ratio at the normal limit 1.65 is not abnormal; 1.66 is")
    func flcRatioBoundary() {
        // setup: κ 165 / λ 100 = 1.65 (normal, inclusive); κ 166 / λ 100 = 1.66 (abnormal)
        let normalRatio = IMWGBaseline(kappaFreeLightChainMilligramsPerLiter: 165, lambdaFreeLightChainMilligramsPerLiter: 100)
        let abnormalRatio = IMWGBaseline(kappaFreeLightChainMilligramsPerLiter: 166, lambdaFreeLightChainMilligramsPerLiter: 100)
        // MUT / validate
        #expect(IMWGMeasurableDisease.of(normalRatio) == [])
        #expect(IMWGMeasurableDisease.of(abnormalRatio) == [.flc])
    }

    @Test("λ clone: ratio below 0.26 with involved λ ≥ 100 mg/L; 0.26 itself is normal")
    func lambdaClone() {
        // setup: κ 26 / λ 100 = 0.26 (normal); κ 25 / λ 100 = 0.25 (abnormal, λ involved at 100 mg/L)
        let atLimit = IMWGBaseline(kappaFreeLightChainMilligramsPerLiter: 26, lambdaFreeLightChainMilligramsPerLiter: 100)
        let beyond = IMWGBaseline(kappaFreeLightChainMilligramsPerLiter: 25, lambdaFreeLightChainMilligramsPerLiter: 100)
        // MUT / validate
        #expect(IMWGMeasurableDisease.of(atLimit) == [])
        #expect(IMWGMeasurableDisease.of(beyond) == [.flc])
        #expect(IMWGFreeLightChains.involvedChain(of: beyond) == .lambda)
    }

    @Test("a declared κ clone with a low (λ-direction) ratio is not FLC-measurable")
    func declaredChainMustMatchRatio() {
        // setup: κ 120, λ 600 → ratio 0.2 points to λ, but the clone is declared κ
        let baseline = IMWGBaseline(kappaFreeLightChainMilligramsPerLiter: 120, lambdaFreeLightChainMilligramsPerLiter: 600,
                                    involvedFreeLightChain: .kappa)
        // MUT / validate
        #expect(IMWGMeasurableDisease.of(baseline) == [])
    }

    @Test("all three markers are listed in the order serum, urine, flc")
    func allThree() {
        // setup
        let baseline = IMWGBaseline(serumMProteinGramsPerDeciliter: 3.2, urineMProteinMilligramsPer24h: 450,
                                    kappaFreeLightChainMilligramsPerLiter: 840, lambdaFreeLightChainMilligramsPerLiter: 7)
        // MUT / validate
        #expect(IMWGMeasurableDisease.of(baseline) == [.serum, .urine, .flc])
    }
}
