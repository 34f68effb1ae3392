using OtpNet;

namespace SommeNumerique.Saas.TestSupport;

/// <summary>
/// The demo Staff and Treasury accounts use the two-step sign-in (required for their roles) with the authenticator key
/// of configuration <c>Demo:AuthenticatorKey</c>: the tests set <see cref="Key"/> and compute the current code as an
/// authenticator application does (TOTP, SHA-1, 6 digits, 30 s).
/// </summary>
public static class DemoAuthenticator
{
    /// <summary>The base32 key the test applications give the demo Staff and Treasury accounts.</summary>
    public const string Key = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    /// <summary>The code an authenticator application shows now for <paramref name="base32Key"/>.</summary>
    public static string Code(string base32Key = Key) => new Totp(Base32Encoding.ToBytes(base32Key)).ComputeTotp(DateTime.UtcNow);
}
