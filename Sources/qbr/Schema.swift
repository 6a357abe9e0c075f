import ArgumentParser
import Foundation
import QBRLoad

extension QBR {
    /// `qbr schema`: the account input as JSON Schema.
    struct Schema: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the JSON Schema (draft 2020-12) of an account file, for editors and exports.",
            discussion: """
                Generated from the definitions the loader itself uses. In VS Code (YAML extension): \
                qbr schema > qbr-account.schema.json, then map it to your account files in yaml.schemas.
                """)

        func run() {
            FileHandle.standardOutput.write(Data(JSONSchema.document().utf8))
        }
    }
}
