import QBRTemplate

/// A Swift value the view model hands to templates.
protocol TemplateConvertible {
    var templateValue: TemplateValue { get }
}

extension String: TemplateConvertible {
    var templateValue: TemplateValue { .text(self) }
}
extension Int: TemplateConvertible {
    var templateValue: TemplateValue { .int(self) }
}
extension Bool: TemplateConvertible {
    var templateValue: TemplateValue { .bool(self) }
}
extension Figure: TemplateConvertible {
    var templateValue: TemplateValue { .object(self) }
}
extension Record: TemplateConvertible {
    var templateValue: TemplateValue { .object(self) }
}
extension TemplateValue: TemplateConvertible {
    var templateValue: TemplateValue { self }
}
extension Array: TemplateConvertible where Element: TemplateConvertible {
    // A closure, not `\.templateValue`: in this generic context the key path was instantiated at run time on
    // every call (3% of a batch).
    var templateValue: TemplateValue { .list(map { $0.templateValue }) }
}
extension Optional: TemplateConvertible where Wrapped: TemplateConvertible {
    /// Absent when nil, so a section over it is skipped, as with a missing key.
    var templateValue: TemplateValue { self?.templateValue ?? .absent }
}

extension RecordBuilder {
    /// Sets `name` to `value` (absent when nil).
    mutating func set(_ name: String, _ value: some TemplateConvertible) {
        self[name] = value.templateValue
    }
}

extension Record {
    /// A record of `shape` with `values` by name; names not given are absent.
    convenience init(_ shape: ObjectShape, _ values: KeyValuePairs<String, any TemplateConvertible>) {
        self.init(shape) { builder in
            for (name, value) in values { builder[name] = value.templateValue }
        }
    }
}
