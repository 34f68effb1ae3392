namespace SommeNumerique.Saas.Application.Common;

/// <summary>
/// The portal's public address (<c>Portal:BaseUrl</c>, e.g. <c>https://portail.somme-numerique.fr</c>): links that leave
/// the site and come back (the online payment's return pages) are built from it, never from the request's Host header.
/// </summary>
public sealed class PortalOptions
{
    public const string Section = "Portal";

    public string? BaseUrl { get; set; }
}
