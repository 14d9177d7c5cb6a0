using System.Security.Cryptography;

namespace ServicePublic.Web.Features.Documents;

/// <summary>
/// Issued documents and their signing key: Documents:SigningKey (PEM, or the DER key as one
/// line of base64, handy in a .env file) or Documents:SigningKeyPath (a PEM file). Without one, the
/// Testing environment draws a key per process, Development keeps one under the content root's
/// .data/, and any other environment refuses to start: documents signed with a throwaway key would
/// stop verifying at the next restart, or differ between nodes.
/// </summary>
internal static class DocumentServices
{
    public const string KeySetting = "Documents:SigningKey";
    public const string KeyPathSetting = "Documents:SigningKeyPath";

    public static void AddDocuments(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(new DocumentSigner(LoadKey(builder.Configuration, builder.Environment)));
        builder.Services.AddScoped<IssuedDocuments>();
        builder.Services.AddScoped<DocumentQueries>();
    }

    private static ECDsa LoadKey(IConfiguration configuration, IWebHostEnvironment environment)
    {
        var key = ECDsa.Create();
        var text = configuration[KeySetting];
        var path = configuration[KeyPathSetting];
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
                    $"No key to sign issued documents: set {KeySetting} (PEM or one line of base64 DER) or {KeyPathSetting}. "
                    + "Create one with: openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256");
            }
            path = Path.Combine(environment.ContentRootPath, ".data", "document-signing-key.pem");
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
