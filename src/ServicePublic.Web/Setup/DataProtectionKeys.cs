using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace ServicePublic.Web.Setup;

/// <summary>
/// The keys that protect session cookies, antiforgery tokens and account links: kept in PostgreSQL
/// (shared by every node), encrypted with a certificate (a PFX file and its password). Production
/// refuses to start without one, so a copy of the database never holds the keys in clear.
/// </summary>
internal static class DataProtectionKeys
{
    public const string CertificatePathKey = "DataProtection:CertificatePath";
    public const string CertificatePasswordKey = "DataProtection:CertificatePassword";

    public static void AddDataProtectionKeys(this WebApplicationBuilder builder)
    {
        var dataProtection = builder.Services.AddDataProtection()
            .SetApplicationName("ServicePublic")
            .PersistKeysToDbContext<AppDbContext>();

        var path = builder.Configuration[CertificatePathKey];
        if (string.IsNullOrWhiteSpace(path))
        {
            if (builder.Environment.IsProduction())
            {
                throw new InvalidOperationException(
                    $"{CertificatePathKey} is not set. In Production the Data Protection keys (sessions, antiforgery tokens, account links) are stored encrypted, never in clear: set DataProtection__CertificatePath to a PFX certificate with its private key and DataProtection__CertificatePassword to its password (see README, Servers).");
            }
            return;
        }
        dataProtection.ProtectKeysWithCertificate(Load(path, builder.Configuration[CertificatePasswordKey]));
    }

    private static X509Certificate2 Load(string path, string? password)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{CertificatePathKey} names {path}, which does not exist or cannot be read.");
        }
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }
        catch (CryptographicException ex)
        {
            throw new InvalidOperationException($"The certificate {path} ({CertificatePathKey}) cannot be opened with {CertificatePasswordKey}: {ex.Message}", ex);
        }
        if (!certificate.HasPrivateKey)
        {
            throw new InvalidOperationException($"The certificate {path} ({CertificatePathKey}) has no private key: the keys could be encrypted but never read back.");
        }
        return certificate;
    }
}
