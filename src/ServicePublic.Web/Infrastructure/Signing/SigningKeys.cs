using System.Security.Cryptography;

namespace ServicePublic.Web.Infrastructure.Signing;

/// <summary>
/// Loads an ECDSA P-256 private key the way every signing key of the portal is configured: a
/// setting holding the key (PEM, or the DER key as one line of base64, handy in a .env file) or a
/// setting naming a PEM file. Without either, the Testing environment draws a key per process,
/// Development keeps one under the content root's .data/, and any other environment refuses to
/// start: what a throwaway key signs stops verifying at the next restart, or differs between nodes.
/// </summary>
public static class SigningKeys
{
    public static ECDsa Load(IConfiguration configuration, IHostEnvironment environment, string keySetting, string keyPathSetting, string developmentFileName, string purpose)
    {
        var key = ECDsa.Create();
        var text = configuration[keySetting];
        var path = configuration[keyPathSetting];
        if (string.IsNullOrWhiteSpace(text) && string.IsNullOrWhiteSpace(path))
        {
            if (environment.IsEnvironment("Testing"))
            {
                key.GenerateKey(ECCurve.NamedCurves.nistP256);
                return key;
            }
            if (!environment.IsDevelopment())
            {
                throw new InvalidOperationException(
                    $"No key to sign {purpose}: set {keySetting} (PEM or one line of base64 DER) or {keyPathSetting}. "
                    + "Create one with: openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256");
            }
            path = Path.Combine(environment.ContentRootPath, ".data", developmentFileName);
            if (!File.Exists(path))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                key.GenerateKey(ECCurve.NamedCurves.nistP256);
                File.WriteAllText(path, key.ExportPkcs8PrivateKeyPem());
                return key;
            }
        }
        text = string.IsNullOrWhiteSpace(text) ? File.ReadAllText(path!) : text.Trim();
        if (text.Contains("-----BEGIN", StringComparison.Ordinal))
        {
            key.ImportFromPem(text);
        }
        else
        {
            // PKCS#8, or the SEC1 form that "openssl genpkey -outform DER" writes for EC keys.
            var der = Convert.FromBase64String(text);
            try
            {
                key.ImportPkcs8PrivateKey(der, out _);
            }
            catch (CryptographicException)
            {
                key.ImportECPrivateKey(der, out _);
            }
        }
        return key;
    }
}
