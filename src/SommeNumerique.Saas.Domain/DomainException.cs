namespace SommeNumerique.Saas.Domain;

/// <summary>A business rule refused an operation. The message is French: it is shown to the user as is.</summary>
public class DomainException(string message) : Exception(message);
