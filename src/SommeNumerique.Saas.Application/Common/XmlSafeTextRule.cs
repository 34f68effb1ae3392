using FluentValidation;
using SommeNumerique.Saas.Domain;

namespace SommeNumerique.Saas.Application.Common;

/// <summary>
/// The rule every free-text field of every request carries: no character outside XML 1.0 (control characters,
/// lone surrogates, U+FFFE/U+FFFF). Such text would be frozen on invoices and break the PES and UBL exports
/// (issue 11). One rule, <see cref="TextValues.IsXmlSafe"/>, for forms and API alike.
/// </summary>
public static class XmlSafeTextRule
{
    public const string Message = "Ce champ contient un caractère non autorisé (caractère de contrôle).";

    public static IRuleBuilderOptions<T, string?> XmlSafeText<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(value => value is null || TextValues.IsXmlSafe(value)).WithMessage(Message);
}
