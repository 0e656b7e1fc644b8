// swift-tools-version: 6.1
// Assay: audits synthetic (LLM-generated) text datasets against real data.
// System requirement: OpenBLAS (Debian: `apt-get install -y libopenblas-dev`); the README's scripts install it.
import PackageDescription

let package = Package(
    name: "Assay",
    products: [
        .executable(name: "assay", targets: ["assay"]),
        .library(name: "QualityMetrics", targets: ["QualityMetrics"]),
        .library(name: "AuditModel", targets: ["AuditModel"]),
        .library(name: "AuditPlan", targets: ["AuditPlan"]),
        .library(name: "ShardStates", targets: ["ShardStates"]),
        .library(name: "NeighbourGraphs", targets: ["NeighbourGraphs"]),
        .library(name: "AssayUtilities", targets: ["AssayUtilities"]),
        .library(name: "VectorStorage", targets: ["VectorStorage"]),
        .library(name: "DatasetIO", targets: ["DatasetIO"]),
        .library(name: "TextTokenization", targets: ["TextTokenization"]),
        .library(name: "ReportRendering", targets: ["ReportRendering"]),
        .library(name: "LinearAlgebra", targets: ["LinearAlgebra"]),
        .library(name: "QualityGate", targets: ["QualityGate"]),
        .library(name: "SentenceEmbeddings", targets: ["SentenceEmbeddings"]),
        .library(name: "LabelAgreement", targets: ["LabelAgreement"]),
        .library(name: "LabelModels", targets: ["LabelModels"]),
        .library(name: "DistributionDistances", targets: ["DistributionDistances"]),
        .library(name: "TextArtefacts", targets: ["TextArtefacts"]),
        .library(name: "LanguageModels", targets: ["LanguageModels"]),
        .library(name: "EmbeddingDistances", targets: ["EmbeddingDistances"]),
        .library(name: "TextEncoders", targets: ["TextEncoders"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.0.0"),
    ],
    targets: [
        // C module over <cblas.h> plus hand-declared Fortran LAPACK prototypes (Debian ships no LAPACKE).
        .systemLibrary(
            name: "COpenBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]
        ),
        // Seeded SplitMix64, exact sums, rounding and result slots for parallel work: the small utilities
        // every module shares that are not statistics.
        .target(name: "AssayUtilities"),
        // Vectors stored once, float32 or float16, on the heap or in an unlinked memory-mapped scratch file.
        .target(name: "VectorStorage"),
        // C module over <zlib.h> (Debian's zlib1g-dev): gzip for the compression ratio.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // Dense Float32 matrices on OpenBLAS; the only target that imports COpenBLAS.
        .target(name: "LinearAlgebra", dependencies: ["COpenBLAS", "VectorStorage"]),
        // C interface over hnswlib (Debian's header-only libhnswlib-dev): approximate nearest neighbours.
        .target(name: "CHNSW", path: "Sources/CHNSW"),
        // Exact nearest-neighbour graphs and neighbourhood-ball counts from one blocked GEMM sweep per pair of
        // sets; approximate graphs from an HNSW index, with their recall measured against exact search.
        .target(name: "NeighbourGraphs", dependencies: ["LinearAlgebra", "AssayUtilities", "CHNSW"]),
        // JSON Lines / CSV / TSV readers, field mapping, input errors and file fingerprints (SHA-256).
        .target(
            name: "DatasetIO", dependencies: ["VectorStorage", .product(name: "Crypto", package: "swift-crypto")]),
        // Word tokenizers, vocabulary interning and flat token storage.
        .target(name: "TextTokenization"),
        // Embedder protocol, the built-in hashing embedder, all-MiniLM-L6-v2 and the on-disk embedding cache.
        .target(
            name: "SentenceEmbeddings",
            dependencies: [
                "LinearAlgebra", "TextTokenization", "TextEncoders", .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Inter-rater agreement (Krippendorff's α, Fleiss' κ, Cohen's κ), instance subjectivity, bootstrap.
        .target(name: "LabelAgreement", dependencies: ["AssayUtilities"]),
        // Multinomial logistic regression (scikit-learn's lbfgs model) and classification scores.
        .target(name: "LabelModels", dependencies: ["LinearAlgebra", "AssayUtilities"]),
        // Real-vs-synthetic distribution distances (Wasserstein, Kolmogorov–Smirnov, Jensen–Shannon,
        // vocabulary overlap) and the seeded real-vs-real noise-floor split.
        .target(name: "DistributionDistances", dependencies: ["AssayUtilities"]),
        // Rule-based detectors of LLM artefacts in text rows (boilerplate, refusals, prompt leakage…).
        .target(name: "TextArtefacts", dependencies: ["TextTokenization"]),
        // Interpolated modified Kneser-Ney n-gram language models over token ids, with an open vocabulary.
        .target(name: "LanguageModels", dependencies: ["TextTokenization", "AssayUtilities"]),
        // Distribution distances between synthetic and real embeddings: MAUVE (k-means quantisation) and
        // precision / recall / density / coverage (exact k-NN balls in GEMM tiles).
        .target(name: "EmbeddingDistances", dependencies: ["LinearAlgebra", "NeighbourGraphs", "AssayUtilities"]),
        // Neural sentence encoders on OpenBLAS: BERT WordPiece, safetensors, the all-MiniLM-L6-v2 forward pass.
        .target(name: "TextEncoders", dependencies: ["LinearAlgebra"]),
        // The result model: pure Codable result types, metric descriptors, typed skip reasons, gate outcomes.
        // Renderers, the gate and the Python side depend on it alone.
        .target(name: "AuditModel"),
        // The audit plan: the metric-family protocol, what families require, the shared products (tokens,
        // vectors, neighbour graphs, the real data's classifier and language models), computed once.
        .target(
            name: "AuditPlan",
            dependencies: [
                "AuditModel", "DatasetIO", "TextTokenization", "SentenceEmbeddings", "LinearAlgebra", "NeighbourGraphs",
                "LabelModels", "LanguageModels", "DistributionDistances", "AssayUtilities", "VectorStorage",
                "LabelAgreement",
            ]
        ),
        // The metric families, one folder each, one file per metric, and the engine that runs them all.
        .target(
            name: "QualityMetrics",
            dependencies: [
                "AuditModel", "AuditPlan", "DatasetIO", "TextTokenization", "LinearAlgebra", "LabelAgreement",
                "LabelModels", "DistributionDistances", "TextArtefacts", "LanguageModels", "EmbeddingDistances",
                "NeighbourGraphs", "AssayUtilities", "CZlib",
            ]
        ),
        // Shard states: the exact counts and seeded row sample of one shard of a dataset (`assay profile`),
        // and the audit of datasets merged from them (`assay merge`).
        .target(
            name: "ShardStates",
            dependencies: [
                "AuditModel", "AuditPlan", "DatasetIO", "TextTokenization", "SentenceEmbeddings", "LinearAlgebra",
                "QualityMetrics",
            ]
        ),
        // The CI gate: YAML rules and their evaluation against an audit result (and a baseline).
        .target(name: "QualityGate", dependencies: ["AuditModel", .product(name: "Yams", package: "Yams")]),
        // Pure renderers of the result model: JSON, console table, Markdown, self-contained HTML, and the
        // gate's JUnit XML, annotations and JSON.
        .target(name: "ReportRendering", dependencies: ["AuditModel"]),
        // Thin command-line front end: argument parsing, files, exit codes.
        .executableTarget(
            name: "assay",
            dependencies: [
                "AuditModel", "AuditPlan", "DatasetIO", "TextTokenization", "LinearAlgebra", "SentenceEmbeddings",
                "QualityMetrics", "ReportRendering", "QualityGate", "ShardStates", "VectorStorage", "NeighbourGraphs",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Shared test helpers: repository paths, seeded matrices, dataset builders.
        .target(
            name: "AssayTestSupport",
            dependencies: [
                "LinearAlgebra", "AssayUtilities", "AuditModel", "AuditPlan", "QualityMetrics", "DatasetIO",
            ],
            path: "Sources/AssayTestSupport"),
        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra", "AssayUtilities", "AssayTestSupport"]),
        .testTarget(name: "VectorStorageTests", dependencies: ["VectorStorage", "AssayTestSupport"]),
        .testTarget(
            name: "NeighbourGraphsTests",
            dependencies: [
                "NeighbourGraphs", "LinearAlgebra", "AssayTestSupport", "COpenBLAS", "SentenceEmbeddings",
                "VectorStorage",
            ]),
        .testTarget(name: "DatasetIOTests", dependencies: ["DatasetIO", "VectorStorage", "AssayTestSupport"]),
        .testTarget(name: "TextTokenizationTests", dependencies: ["TextTokenization", "AssayTestSupport"]),
        .testTarget(name: "SentenceEmbeddingsTests", dependencies: ["SentenceEmbeddings", "AssayTestSupport"]),
        .testTarget(
            name: "LabelAgreementTests", dependencies: ["LabelAgreement", "AssayUtilities", "AssayTestSupport"]),
        .testTarget(
            name: "LabelModelsTests",
            dependencies: [
                "LabelModels", "LinearAlgebra", "SentenceEmbeddings", "DistributionDistances", "TextTokenization",
                "AssayUtilities", "AssayTestSupport",
            ]
        ),
        .testTarget(
            name: "DistributionDistancesTests",
            dependencies: ["DistributionDistances", "TextTokenization", "AssayTestSupport"]),
        .testTarget(
            name: "QualityMetricsTests",
            dependencies: [
                "QualityMetrics", "AuditModel", "AuditPlan", "LinearAlgebra", "DistributionDistances", "AssayUtilities",
                "AssayTestSupport", "DatasetIO", "LabelAgreement", "SentenceEmbeddings", "VectorStorage",
            ]),
        .testTarget(name: "AuditModelTests", dependencies: ["AuditModel"]),
        .testTarget(
            name: "ShardStatesTests",
            dependencies: [
                "ShardStates", "AuditModel", "AuditPlan", "DatasetIO", "QualityMetrics", "SentenceEmbeddings",
                "AssayTestSupport",
            ]),
        .testTarget(
            name: "ReportRenderingTests",
            dependencies: ["ReportRendering", "AuditModel", "QualityMetrics", "AssayTestSupport"]),
        .testTarget(name: "TextArtefactsTests", dependencies: ["TextArtefacts", "AssayTestSupport"]),
        .testTarget(
            name: "LanguageModelsTests",
            dependencies: ["LanguageModels", "TextTokenization", "AssayUtilities", "AssayTestSupport"]),
        .testTarget(
            name: "EmbeddingDistancesTests",
            dependencies: ["EmbeddingDistances", "LinearAlgebra", "AssayUtilities", "AssayTestSupport"]),
        .testTarget(name: "TextEncodersTests", dependencies: ["TextEncoders", "LinearAlgebra", "AssayTestSupport"]),
        .testTarget(
            name: "QualityGateTests", dependencies: ["QualityGate", "AuditModel", "QualityMetrics", "AssayTestSupport"]),
        // End-to-end tests that run the built `assay` binary.
        .testTarget(name: "AssayCLITests", dependencies: ["assay", "AssayTestSupport"]),
    ],
    cxxLanguageStandard: .cxx17
)
