// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Gongkai",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "gongkai", targets: ["gongkai"]),
        .library(name: "GongkaiCore", targets: ["GongkaiCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // Zip archives: .xlsx export and import, .docx import (GongkaiIO only).
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
    ],
    targets: [
        // libedit through its readline-compatible header; only GongkaiShell/LineReader imports it.
        .systemLibrary(name: "CLibEdit", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
        // The system's SQLite for the `sqlite` export; only GongkaiIO/Export/SQLiteExporter.swift imports it.
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CMalloc"),
        // Pure and Foundation-free: template, values, formulas, engine, rules, diagnostics.
        .target(name: "GongkaiCore"),
        // File formats at the edge: import of published reports, export, workbook files.
        .target(
            name: "GongkaiIO",
            dependencies: ["GongkaiCore", "CSQLite", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        // The REPL: commands, completion, rendering, line editing.
        .target(name: "GongkaiShell", dependencies: ["GongkaiCore", "GongkaiIO", "CLibEdit", "CMalloc"]),
        .executableTarget(
            name: "gongkai",
            dependencies: [
                "GongkaiShell",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "gongkai-bench",
            dependencies: ["GongkaiCore", "GongkaiIO", "GongkaiShell"]
        ),
        // One exact golden reader and the fixtures' place, shared by every test target.
        .target(name: "GongkaiTestSupport", dependencies: ["GongkaiCore"], path: "Tests/GongkaiTestSupport"),
        .testTarget(name: "GongkaiCoreTests", dependencies: ["GongkaiCore", "GongkaiTestSupport"]),
        .testTarget(name: "GongkaiIOTests", dependencies: ["GongkaiCore", "GongkaiIO", "GongkaiTestSupport"]),
        .testTarget(
            name: "GongkaiShellTests", dependencies: ["GongkaiShell", "GongkaiCore", "GongkaiIO", "GongkaiTestSupport"]),
    ]
)
