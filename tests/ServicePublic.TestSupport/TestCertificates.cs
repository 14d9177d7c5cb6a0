using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ServicePublic.TestSupport;

/// <summary>A self-signed certificate in a PFX file, as a server's Data Protection keys are encrypted with in Production.</summary>
public static class TestCertificates
{
    public const string Password = "test-certificate-password";

    private static readonly Lazy<string> Pfx = new(Create);

    /// <summary>The settings that encrypt the Data Protection keys with the test certificate.</summary>
    public static Dictionary<string, string> DataProtection() => new()
    {
        ["DataProtection:CertificatePath"] = Pfx.Value,
        ["DataProtection:CertificatePassword"] = Password,
    };

    /// <summary>What Production needs besides: a public address, no sandbox, the document and audit checkpoint signing keys, encrypted keys.</summary>
    public static Dictionary<string, string> Production(string publicUrl = "https://servicepublic.example.tg")
    {
        using var signing = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var checkpoints = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return new Dictionary<string, string>(DataProtection())
        {
            ["environment"] = "Production",
            ["Portal:PublicUrl"] = publicUrl,
            ["Payments:Sandbox:Enabled"] = "false",
            ["Documents:SigningKey"] = signing.ExportPkcs8PrivateKeyPem(),
            ["Audit:CheckpointKey"] = checkpoints.ExportPkcs8PrivateKeyPem(),
            ["Database:SeedCatalogue"] = "false",
        };
    }

    private static string Create()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=ServicePublic Data Protection (tests)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(Path.GetTempPath(), $"servicepublic-dataprotection-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, Password));
        return path;
    }
}
