/// A certificate of analysis: the lot, the product, and each release test with its limit, result and
/// verdict, plus the overall disposition. A plain model; the web layer renders it and QA signs it.
public struct ReleaseCertificateOfAnalysis: Codable, Sendable, Hashable {
    public struct Line: Codable, Sendable, Hashable {
        public var test: ReleaseTestKind
        /// The test's name as printed (`Vector copy number`).
        public var testName: String
        public var limit: String
        public var result: String
        public var verdict: ReleaseVerdict
    }

    public var lot: String
    public var productID: String
    /// Brand and generic name, as printed (`FUCASO (equecabtagene autoleucel)`).
    public var productName: String
    /// The therapy's chain-of-identity identifier; never the patient's name (DESIGN.md: the
    /// manufacturing side sees the chain of identity only).
    public var chainOfIdentity: String?
    public var specificationVersion: String
    public var lines: [Line]
    public var overall: ReleaseDisposition

    /// The certificate for an evaluation of a lot of `product`.
    public init(evaluation: ReleaseEvaluation, product: ProductProfile,
                chainOfIdentity: ISBT128.ChainOfIdentityIdentifier? = nil) {
        lot = evaluation.lot
        productID = product.id
        productName = "\(product.name) (\(product.genericName))"
        self.chainOfIdentity = chainOfIdentity?.characters
        specificationVersion = evaluation.specificationVersion
        lines = evaluation.tests.map {
            Line(test: $0.test, testName: $0.test.displayName, limit: $0.limit, result: $0.measured, verdict: $0.verdict)
        }
        overall = evaluation.disposition
    }
}
