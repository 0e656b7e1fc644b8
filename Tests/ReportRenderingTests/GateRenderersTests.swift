import AssayTestSupport
import AuditModel
import Foundation
import QualityMetrics
import Testing

@testable import ReportRendering

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite("Gate renderers: JUnit and GitHub annotations")
struct GateRenderersTests {
    @Test func junitIsWellFormedAndEscaped() throws {
        let check = GateCheck(
            rule: "r <&>\"'", metric: .distinct2, dataset: "d\u{1}<x>", label: nil, outcome: .failed, observed: 1,
            real: nil, bound: "<= 1", message: "bad & <worse>\nnext", line: 2)
        let xml = GateRenderers.junit(GateReport(checks: [check]))
        #expect(xml.contains("name=\"r &lt;&amp;&gt;&quot;&apos;\""))
        #expect(xml.contains("classname=\"d&lt;x&gt;\""))
        #expect(!xml.contains("\u{1}"))
        #expect(xml.contains("failures=\"1\""))
        let parser = XMLParser(data: Data(xml.utf8))
        #expect(parser.parse(), "not well-formed: \(parser.parserError.map { "\($0)" } ?? "")")
    }

    @Test func annotationsEscapeGitHubCommands() {
        let check = GateCheck(
            rule: "a:b,c", metric: .distinct2, dataset: "d", label: "l", outcome: .warned, observed: 1, real: nil,
            bound: "<= 1", message: "50% off\nnext", line: 7)
        let text = GateRenderers.githubAnnotations(GateReport(checks: [check]), configPath: "x,y.yml")
        #expect(text == "::warning file=x%2Cy.yml,line=7,title=assay gate%3A a%3Ab%2Cc::d [l]: 50%25 off%0Anext\n")
    }
}
