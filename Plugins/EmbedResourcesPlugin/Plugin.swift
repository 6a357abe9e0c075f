import Foundation
import PackagePlugin

/// Compiles the package's `Templates/` (or `Playbooks/`) folder into the target as a Swift source file, so the `qbr`
/// binary carries its default templates and works from any directory.
@main
struct EmbedResourcesPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL
        // Each module embeds its own folder: the render layer the templates, the playbook layer the playbooks.
        let folders = [target.name == "QBRPlaybooks" ? "Playbooks" : "Templates"].map { root.appending(path: $0) }
        var inputs: [URL] = []
        for folder in folders {
            guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else {
                continue
            }
            for case let url as URL in walker where !url.hasDirectoryPath && !url.lastPathComponent.hasPrefix(".") {
                inputs.append(url)
            }
        }
        inputs.sort { $0.path < $1.path }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedResources.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) template and playbook files",
                executable: try context.tool(named: "EmbedResources").url,
                arguments: [output.path, root.path] + inputs.map(\.path),
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }
}
