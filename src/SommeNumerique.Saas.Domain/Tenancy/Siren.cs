namespace SommeNumerique.Saas.Domain.Tenancy;

/// <summary>
/// SIREN: the 9-digit identifier INSEE gives every French legal entity (communes, EPCI, départements...).
/// Its last digit is a Luhn check digit.
/// </summary>
public readonly record struct Siren
{
    public string Value { get; }

    private Siren(string value) => Value = value;

    public static bool IsValid(string? candidate) =>
        candidate is { Length: 9 } && candidate.All(char.IsAsciiDigit) && Luhn.IsValid(candidate);

    public static Siren Parse(string candidate) =>
        TryParse(candidate, out var siren)
            ? siren
            : throw new FormatException($"« {candidate} » n'est pas un SIREN valide (9 chiffres, clé de Luhn).");

    public static bool TryParse(string? candidate, out Siren siren)
    {
        var compact = candidate?.Replace(" ", string.Empty, StringComparison.Ordinal);
        if (IsValid(compact))
        {
            siren = new Siren(compact!);
            return true;
        }
        siren = default;
        return false;
    }

    public override string ToString() => Value ?? string.Empty;

    /// <summary>
    /// Whether <paramref name="candidate"/> is a SIRET of this entity: 14 digits, this SIREN then the establishment's
    /// 5-digit NIC, with a valid Luhn key over the 14 digits.
    /// </summary>
    public bool IsSiretOf(string? candidate) =>
        candidate is { Length: 14 } && candidate.All(char.IsAsciiDigit)
        && candidate.StartsWith(Value, StringComparison.Ordinal) && Luhn.IsValid(candidate);
}

/// <summary>The Luhn (mod 10) check used by SIREN and SIRET.</summary>
public static class Luhn
{
    public static bool IsValid(ReadOnlySpan<char> digits)
    {
        var sum = 0;
        var doubleIt = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i] - '0';
            if (d is < 0 or > 9) return false;
            if (doubleIt)
            {
                d *= 2;
                if (d > 9) d -= 9;
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return digits.Length > 0 && sum % 10 == 0;
    }
}
