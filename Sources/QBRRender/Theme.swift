import QBRCore
import QBRTemplate

/// The team's branding as the HTML shells see it: `theme.accent`, `theme.font_body`, `theme.logo`…
/// Values are validated again here, because they are written raw into CSS.
enum Theme {
    static func context(_ config: TeamConfig) -> Record {
        var theme: [String: String] = [:]
        for role in TeamConfig.colorRoles {
            if let color = config.colors[role], TeamConfig.isColor(color) { theme[role] = color }
        }
        for role in TeamConfig.fontRoles {
            if let font = config.fonts[role], TeamConfig.isFontStack(font) { theme["font_\(role)"] = font }
        }
        theme["company"] = config.company
        if let logo = config.logoDataURI, logo.hasPrefix("data:image/"), !logo.contains("\"") { theme["logo"] = logo }
        return Record(ShellShape.theme) { record in
            for (name, value) in theme { record.set(name, value) }
        }
    }
}
