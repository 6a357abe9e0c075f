import QBRCore

/// Words (and one symbol, so tables scan quickly) for statuses and bands.
enum StatusLabel {
    static func outcome(_ status: OutcomeStatus) -> String {
        switch status {
        case .achieved: return "✅ Achieved"
        case .onTrack: return "🟢 On track"
        case .atRisk: return "🟠 At risk"
        case .missed: return "🔴 Missed"
        }
    }

    static func health(_ band: HealthBand) -> String {
        switch band {
        case .green: return "🟢 Green"
        case .yellow: return "🟡 Yellow"
        case .red: return "🔴 Red"
        }
    }

    static func severity(_ severity: Severity) -> String {
        switch severity {
        case .high: return "High"
        case .medium: return "Medium"
        case .low: return "Low"
        }
    }

    static func commitment(_ status: CommitmentStatus) -> String {
        switch status {
        case .done: return "✅ Done"
        case .inProgress: return "🔄 In progress"
        case .notDone: return "❌ Not done"
        }
    }
}
