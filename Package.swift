// swift-tools-version: 6.1
import PackageDescription

/// Cartograph: one package, science targets free of Vapor and Fluent (see DESIGN.md).
let package = Package(
    name: "Cartograph",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "cartograph", targets: ["cartograph"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", exact: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", exact: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", exact: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", exact: "2.14.0"),
        .package(url: "https://github.com/JohnSundell/Plot.git", exact: "0.14.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-numerics.git", exact: "1.1.1"),
        .package(url: "https://github.com/apple/swift-crypto.git", exact: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log.git", exact: "1.16.2"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV.git", exact: "0.10.0"),
        .package(url: "https://github.com/pointfreeco/swift-snapshot-testing.git", exact: "1.19.7"),
        .package(url: "https://github.com/jpsim/Yams.git", exact: "5.0.1"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", exact: "2.0.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", exact: "2.4.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", exact: "1.37.0"),
        .package(url: "https://github.com/mattpolzin/OpenAPIKit.git", exact: "6.4.0"),
    ],
    targets: [
        // Science: Foundation (and Numerics) only.
        .target(name: "CartographCore"),
        .target(name: "Clinical", dependencies: ["CartographCore"]),
        .target(name: "Statistics", dependencies: [.product(name: "Numerics", package: "swift-numerics")]),
        .target(name: "Charts", dependencies: ["CartographCore"]),
        .target(name: "Kinetics", dependencies: ["CartographCore", "Clinical", "Statistics",
                                                 .product(name: "Numerics", package: "swift-numerics")]),
        .target(name: "Labels", dependencies: ["CartographCore", "Charts"]),
        // Records → endpoints, shared by the store's report and the in-silico trial.
        .target(name: "Outcomes", dependencies: ["CartographCore", "Clinical", "Statistics", "Kinetics"]),
        // The in-silico trial: mechanistic model, virtual patients as records, calibration.
        .target(name: "Trial", dependencies: ["CartographCore", "Clinical", "Statistics", "Kinetics", "Outcomes"]),
        // Storage and the web.
        .target(name: "Store", dependencies: [
            "CartographCore", "Clinical", "Outcomes",
            .product(name: "Fluent", package: "fluent"),
            .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
            .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // The demo program and its generators: a center with work for every role. No domain target
        // depends on it.
        .target(name: "Demo", dependencies: [
            "CartographCore", "Clinical", "Store",
            .product(name: "Fluent", package: "fluent"),
        ]),
        .target(name: "Web", dependencies: [
            "CartographCore", "Clinical", "Statistics", "Charts", "Labels", "Kinetics", "Outcomes", "Store",
            .product(name: "Vapor", package: "vapor"),
            .product(name: "Fluent", package: "fluent"),
            .product(name: "Plot", package: "Plot"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Logging", package: "swift-log"),
        ], resources: [.copy("Resources/openapi.yaml"), .copy("Resources/Strings")]),
        .executableTarget(name: "cartograph", dependencies: [
            "CartographCore", "Clinical", "Statistics", "Charts", "Labels", "Kinetics", "Outcomes", "Trial", "Store", "Web", "Demo",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Vapor", package: "vapor"),
            .product(name: "SwiftCSV", package: "SwiftCSV"),
        ]),
        .target(name: "TestSupport", dependencies: [
            "Web", "Store", "Demo", "CartographCore",
            .product(name: "Vapor", package: "vapor"),
            .product(name: "Fluent", package: "fluent"),
        ], path: "Tests/TestSupport"),
        // Benchmark: 100,000 virtual patients through the ODE solver (`swift run -c release ode-bench`).
        .executableTarget(name: "ode-bench", dependencies: ["Kinetics"]),
        // Calibration of the trial model to the published figures (`swift run -c release trial-calibrate`).
        .executableTarget(name: "trial-calibrate", dependencies: ["Trial"]),
        .testTarget(name: "CoreTests", dependencies: ["CartographCore", .product(name: "PropertyBased", package: "swift-property-based")]),
        .testTarget(name: "DemoTests", dependencies: ["Demo", "Clinical", "CartographCore"]),
        .testTarget(name: "ClinicalTests", dependencies: ["Clinical", "CartographCore"]),
        .testTarget(name: "StatisticsTests", dependencies: ["Statistics"], resources: [.copy("Fixtures")]),
        .testTarget(name: "CLITests", dependencies: ["cartograph"]),
        .testTarget(name: "KineticsTests", dependencies: ["Kinetics", "Clinical", .product(name: "Numerics", package: "swift-numerics")]),
        .testTarget(name: "TrialTests", dependencies: ["Trial", "Kinetics", "Clinical", "CartographCore", "Outcomes"]),
        .testTarget(name: "OutcomesTests", dependencies: ["Outcomes", "Clinical", "CartographCore"]),
        .testTarget(name: "ChartsTests", dependencies: ["Charts", "CartographCore"]),
        .testTarget(name: "LabelsTests", dependencies: ["Labels", "Charts", "CartographCore"]),
        .testTarget(name: "StoreTests", dependencies: ["Store", "CartographCore", "Clinical", "Outcomes", "Trial", "TestSupport", "Demo",
                                                  .product(name: "PropertyBased", package: "swift-property-based")]),
        .testTarget(name: "WebTests", dependencies: [
            "Web", "Store", "Outcomes", "CartographCore", "Clinical", "TestSupport", "Trial", "Demo",
            .product(name: "VaporTesting", package: "vapor"),
            .product(name: "Fluent", package: "fluent"),
            .product(name: "SnapshotTesting", package: "swift-snapshot-testing"),
            .product(name: "Yams", package: "Yams"),
            .product(name: "OpenAPIKit30", package: "OpenAPIKit"),
            .product(name: "PropertyBased", package: "swift-property-based"),
        ], exclude: ["__Snapshots__"]),
    ]
)
