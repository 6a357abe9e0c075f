import Foundation
import QBRCore
import Testing

@testable import QBRLoad

/// `qbr check`'s pipeline, as a library: schema problems, located plausibility warnings, readiness.
@Suite struct AccountCheckTests {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("examples")
    static let asOf = Day(year: 2026, month: 10, day: 15) ?? Day(dayNumber: 0)

    @Test func northwindIsReadyButForItsMisses() {
        let check = AccountCheck.check(Self.examples.appendingPathComponent("northwind.yaml").path, asOf: Self.asOf)
        #expect(check.status == .ok)
        #expect(check.readiness?.score == 90)
        #expect(check.readiness?.narrativeMissing == [.misses])
        #expect(check.text.hasSuffix("NW-1042 Northwind Traders: \(check.readiness?.summary ?? "")\n"))
    }

    @Test func aPastRenewalIsAWarningAtItsLine() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qbr-check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("a.yaml")
        try "account:\n  id: A\n  name: Alpha\n  contract:\n    renewal: 2026-01-31\n".write(
            to: file, atomically: true, encoding: .utf8)
        let check = AccountCheck.check(file.path, asOf: Self.asOf)
        #expect(check.status == .warnings)
        #expect(check.diagnostics.first?.line == 5)
        #expect(check.checks.first != nil)
    }

    @Test func aMissingFileIsMissingAndABrokenOneInvalid() {
        #expect(AccountCheck.check("/nonexistent/a.yaml", asOf: Self.asOf).status == .missing)
        let broken = AccountCheck.check(Self.examples.appendingPathComponent("rendered").path, asOf: Self.asOf)
        #expect(broken.status != .ok && broken.readiness == nil)
    }
}
