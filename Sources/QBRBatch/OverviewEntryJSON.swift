import Foundation
import QBRCore
import QBRRender

/// An overview entry as a JSON object, written by hand: `JSONEncoder` cost as much per account as a template.
/// The bytes equal `JSONEncoder`'s with sorted keys and unescaped slashes (a test compares the two), so a
/// manifest reads the same whichever wrote it.
extension PortfolioOverview.Entry {
    /// The entry as one JSON object, keys sorted, absent fields left out.
    var json: String {
        var text = "{"
        var first = true
        func key(_ name: String) {
            text += first ? "\"\(name)\":" : ",\"\(name)\":"
            first = false
        }
        key("arr")
        text += Format.exact(arr)
        key("atRisk")
        text += atRisk ? "true" : "false"
        if let csm { key("csm"); text += Manifest.quoted(csm) }
        if let currency { key("currency"); text += Manifest.quoted(currency) }
        if let daysToRenewal { key("daysToRenewal"); text += String(daysToRenewal) }
        key("documents")
        text += "[" + documents.map { "{\"document\":\(Manifest.quoted($0.document)),\"path\":\(Manifest.quoted($0.path))}" }
            .joined(separator: ",") + "]"
        key("folder")
        text += Manifest.quoted(folder)
        if let healthBand { key("healthBand"); text += Manifest.quoted(healthBand) }
        if let healthScore { key("healthScore"); text += Format.exact(healthScore) }
        key("id")
        text += Manifest.quoted(id)
        key("name")
        text += Manifest.quoted(name)
        key("playbooks")
        text += "[" + playbooks.map {
            "{\"id\":\(Manifest.quoted($0.id)),\"kind\":\(Manifest.quoted($0.kind)),\"title\":\(Manifest.quoted($0.title))}"
        }.joined(separator: ",") + "]"
        if let renewal { key("renewal"); text += Manifest.quoted(renewal) }
        if let revenue {
            key("revenue")
            text += "{\"churn\":\(Format.exact(revenue.churn)),\"contraction\":\(Format.exact(revenue.contraction))"
            text += ",\"expansion\":\(Format.exact(revenue.expansion))"
            text += ",\"starting_arr\":\(Format.exact(revenue.startingARR))}"
        }
        if let riskReasons { key("riskReasons"); text += "[" + riskReasons.map(Manifest.quoted).joined(separator: ",") + "]" }
        if let segment { key("segment"); text += Manifest.quoted(segment) }
        key("weightedPipeline")
        text += Format.exact(weightedPipeline)
        return text + "}"
    }
}
