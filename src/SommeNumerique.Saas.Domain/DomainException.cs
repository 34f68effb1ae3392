namespace SommeNumerique.Saas.Domain;

/// <summary>A business rule refused an operation. The message is French: it is shown to the user as is.</summary>
public class DomainException(string message) : Exception(message);

/// <summary>A business rule refused the value of one input field (named as the API names it, camel case).</summary>
public sealed class FieldRuleException(string field, string message) : DomainException(message)
{
    public string Field { get; } = field;
}
