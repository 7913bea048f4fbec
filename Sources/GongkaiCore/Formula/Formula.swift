/// The formula language: parsing source text into an ``Expression``.
///
/// ```
/// let expression = try Formula.parse("sum(t3.*.natural) - t3.total.natural")
/// let bound = try expression.bind { reference throws(FormulaError) in try resolve(reference) }
/// let value = bound.evaluate { id in cells[id] }
/// ```
public enum Formula {
    /// The deepest nesting of parentheses, calls and signs a formula may have.
    public static let nestingLimit = 256

    /// The tallest expression tree a formula may have: a chain of binary operators (`a + b + … `, one level per
    /// operator) counts too, so a sum of up to 2,047 terms written with `+` parses; every walk over the tree stays this
    /// shallow.
    public static let heightLimit = 2048

    /// Parses a formula (without a leading `=`); spans count Characters from the start of `source`.
    public static func parse(_ source: String) throws(FormulaError) -> Expression {
        var parser = try Parser(FormulaSource(source))
        return try parser.parseFormula()
    }

    /// Parses and binds in one step.
    public static func compile(
        _ source: String, resolve: (Reference) throws(FormulaError) -> Binding
    ) throws(FormulaError) -> BoundExpression {
        try parse(source).bind(resolve)
    }
}
