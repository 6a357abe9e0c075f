import Foundation
import QBRCore
import Testing

@testable import QBRLoad

/// `roles:` in qbr.yaml and `account.team`: a team's own task owners, and the people in them per account.
@Suite struct TeamRolesLoadingTests {
    func config(_ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("qbr-roles-\(UUID().uuidString).yaml")
        try Data(text.utf8).write(to: url)
        return url
    }

    @Test func rolesAreRead() throws {
        let url = try config("roles:\n  solutions_engineer: Solutions engineer\n  champion: Champion\n")
        defer { try? FileManager.default.removeItem(at: url) }
        let loaded = try TeamConfigLoader.load(path: url.path)
        #expect(loaded.config.roles == ["solutions_engineer": "Solutions engineer", "champion": "Champion"])
        #expect(loaded.warnings.isEmpty)
    }

    @Test func aBadRoleIdIsRefusedAtItsLine() throws {
        let url = try config("company: Acme\nroles:\n  Solutions Engineer: Solutions engineer\n")
        defer { try? FileManager.default.removeItem(at: url) }
        do {
            _ = try TeamConfigLoader.load(path: url.path)
            Issue.record("expected the config to be refused")
        } catch {
            #expect(
                error.diagnostics.map(\.description) == [
                    "\(url.path):3:23: error: roles.Solutions Engineer: a role id uses lowercase letters, digits and _ only (solutions_engineer), found \"Solutions Engineer\""
                ])
        }
        let list = try config("roles: [champion]\n")
        defer { try? FileManager.default.removeItem(at: list) }
        #expect(throws: AccountLoadError.self) { try TeamConfigLoader.load(path: list.path) }
    }

    @Test func theAccountNamesPeoplePerRole() throws {
        let yaml = """
            account:
              id: A-1
              name: Acme
              csm: Dana Whitfield
              team: {solutions_engineer: Priya Nair, support: Ana Lima}
            """
        let account = try AccountLoader.load(data: Data(yaml.utf8), name: "a.yaml").account
        #expect(account.profile.team == ["solutions_engineer": "Priya Nair", "support": "Ana Lima"])
        let without = try AccountLoader.load(data: Data("account: {id: B, name: B}".utf8), name: "b.yaml").account
        #expect(without.profile.team == nil)
        do {
            _ = try AccountLoader.load(data: Data("account: {id: C, name: C, team: [Priya]}".utf8), name: "c.yaml")
            Issue.record("expected a team list to be refused")
        } catch {
            #expect(error.diagnostics.first?.path == "account.team")
        }
    }
}
