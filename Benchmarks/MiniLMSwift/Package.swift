// swift-tools-version: 6.1
// The Swift half of Benchmarks/minilm_benchmark.py: a release-built executable over the root package's
// TextEncoders target, so that measuring it builds only TextEncoders, LinearAlgebra and COpenBLAS.
import PackageDescription

let package = Package(
    name: "MiniLMSwift",
    dependencies: [.package(name: "Assay", path: "../..")],
    targets: [
        .executableTarget(
            name: "minilm-bench",
            dependencies: [
                .product(name: "TextEncoders", package: "Assay"), .product(name: "LinearAlgebra", package: "Assay"),
            ]
        )
    ]
)
