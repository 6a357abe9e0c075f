import Foundation
import QBRCore

/// Accounts with every field of the schema filled, in variants that switch on the names present only
/// sometimes: each health band, a computed score, a renewal past due, a paged action plan; and a minimal
/// account, for names present only when data is missing.
enum MaximalAccount {
    static func yaml(score: String, renewal: String) -> String {
        """
        account:
          id: LINT-1
          name: Lint Traders
          segment: enterprise
          tier: 1
          industry: Logistics
          csm: Dana Whitfield
          account_manager: Luis Ortega
          executive_sponsor: {name: Priya Raman, title: CFO, since: 2026-08-14}
          contract: {start: 2025-11-01, renewal: \(renewal), arr: 240000, currency: USD, seats: 200}
        period: {label: Q3 2026, start: 2026-07-01, end: 2026-09-30}
        revenue: {starting_arr: 100000, expansion: 40000, contraction: 15000, churn: 1000}
        outcomes:
          - {name: Achieved one, metric: Days, baseline: 45, target: 20, actual: 18, unit: days, direction: decrease,
             committed_on: 2025-11-15, due: 2026-09-30, evidence: Logs}
          - {name: Missed one, metric: Share, baseline: 10, target: 90, actual: 20, unit: "%", direction: increase,
             committed_on: 2025-11-15, due: 2026-01-30, evidence: Logs}
          - {name: At risk one, baseline: 0, target: 100, actual: 1, committed_on: 2025-11-15, due: 2027-09-30}
          - {name: On track one, baseline: 0, target: 100, actual: 99, committed_on: 2025-11-15, due: 2027-09-30}
        value_realized:
          - {category: Cost savings, description: Fewer checks, amount: 120000, confirmed: true}
          - {category: Revenue, description: More loads, amount: 20000, confirmed: false}
        usage:
          seats_active: 188
          monthly_active_users: [140, 151, 160, 172, 180, 120]
          plan_limit_utilization: 0.94
          feature_adoption: {Routing: 0.92, Analytics: 0.15}
        health:
        \(score)
          history: [64, 68, 71, 75]
          components: {usage: 85, engagement: 70, support: 80, sentiment: 75}
        signals: {nps: 42, open_escalations: 1, missed_milestones: 1, skipped_reviews: 1, referral: true}
        opportunities:
          - {name: Analytics module, kind: cross-sell, estimated_arr: 30000, confidence: 0.6, owner: account_manager,
             rationale: Three teams asked}
        risks:
          - {description: New CFO, severity: high, mitigation: Value summary to the CFO, owner: csm, due: 2026-10-30}
          - {description: Budget, severity: low, mitigation: Early proposal}
        narrative:
          executive_summary: Routing is live.
          asks: [{text: Ask 1, owner: Priya Raman, due: 2026-11-13}, Ask 2, Ask 3, Ask 4, Ask 5, Ask 6, Ask 7, Ask 8,
                 Ask 9, Ask 10, Ask 11, Ask 12]
          misses: The EU depots slipped.
        notes: |
          Free text.
        support: {tickets_opened: 42, tickets_closed: 45, csat: 0.94, sla_attainment: 0.97, open_escalations: 1}
        stakeholders:
          - {name: Priya Raman, title: CFO, role: sponsor, attending: true, note: Wants a one-page value summary}
          - {name: Dana Whitfield, title: CSM, side: vendor, attending: false}
        last_review:
          date: 2026-07-14
          commitments:
            - {text: Roll routing out, owner: csm, due: 2026-09-15, status: done, note: Live in 14 depots}
            - {text: Name an owner, side: customer, owner: Priya Raman, due: 2026-08-31, status: not-done}
        roadmap:
          - {title: Carrier scorecards, quarter: Q1 2027, status: in-development, why: Rates carriers}
        """
    }

    /// (account, run date) pairs whose contexts together hold every name.
    static let variants: [(String, Day)] = [
        (yaml(score: "  score: 90", renewal: "2026-12-31"), (Day(year: 2026, month: 10, day: 15) ?? Day(dayNumber: 0))),
        (yaml(score: "  score: 60", renewal: "2026-12-31"), (Day(year: 2026, month: 10, day: 15) ?? Day(dayNumber: 0))),
        (yaml(score: "  score: 30", renewal: "2026-10-01"), (Day(year: 2026, month: 10, day: 15) ?? Day(dayNumber: 0))),
        (yaml(score: "", renewal: "2026-10-01"), (Day(year: 2026, month: 10, day: 15) ?? Day(dayNumber: 0))),
        // And the least an account can be: names that say something is missing (`narrative_todo`).
        ("account: {id: LINT-2, name: Minimal}", (Day(year: 2026, month: 10, day: 15) ?? Day(dayNumber: 0))),
    ]
}
