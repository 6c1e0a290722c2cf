import Fluent

/// Every migration, in order. Append only: a landed migration is never edited (DESIGN.md).
public enum CartographMigrations {
    public static let all: [any Migration] = [
        M0001_CreateCenters(),
        M0002_CreateUsers(),
        M0003_CreatePatients(),
        M0004_CreateTherapies(),
        M0005_CreateAuditEvents(),
        // Vapor's session store (table `_fluent_sessions`).
        SessionRecord.migration,
        M0006_CreateSafetyRecords(),
        M0007_CreateLabResults(),
        M0008_CreateFollowUpRecords(),
        M0009_CreateCustody(),
        M0010_CreateReleaseTesting(),
        M0011_CreateManufacturingSlots(),
        M0012_CreateLabelPrints(),
        M0013_CreateLabResultCorrections(),
        M0014_CreatePatientStatuses(),
        M0015_AddSiteOperator(),
        M0016_CreateSignInSessions(),
        M0017_CreateSignInFailures(),
        M0018_NameAPITokens(),
        M0019_CreateIdempotentRequests(),
        M0020_AddAlertLapse(),
        M0021_AddAccountAdministration(),
        M0022_CreateAlertOutbox(),
        M0023_AddSecondFactor(),
        M0024_AddAuditRequestKey(),
        M0025_CreatePatientAccess(),
        M0026_CreateSelfChecks(),
        M0027_AddUserLanguage(),
        M0028_AddStayNearDistance(),
        M0029_AddTreatingPhysician(),
        M0030_CreateSelfCheckPhotos(),
        M0031_AddLookupIndexes(),
        M0032_AddStatusWork(),
    ]

    /// The schema version this build expects: the number of migrations it knows.
    public static var schemaVersion: Int { all.count }
}
