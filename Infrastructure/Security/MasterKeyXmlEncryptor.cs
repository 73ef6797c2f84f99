using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Mindguard.Infrastructure.Security;

/// <summary>
/// Seals ASP.NET Core Data Protection keys (the antiforgery tokens of <c>/jobs</c>) with the master key ring
/// before they reach Redis, so whoever reads Redis holds no key that forges or opens a token. No certificate
/// is needed: the deployment already has <c>MINDGUARD_ENCRYPTION_KEYS</c>, and keys sealed under an older
/// master key still open while it stays in the list.
/// </summary>
public sealed class MasterKeyXmlEncryptor(MasterKeyRing ring) : IXmlEncryptor
{
    internal const string AssociatedData = "mindguard:data-protection-key";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var envelope = ring.EncryptText(plaintextElement.ToString(SaveOptions.DisableFormatting), AssociatedData);
        var element = new XElement("encryptedKey",
            new XComment(" Sealed with a master key from MINDGUARD_ENCRYPTION_KEYS (AES-256-GCM). "),
            new XElement("value", Convert.ToBase64String(envelope)));
        return new EncryptedXmlInfo(element, typeof(MasterKeyXmlDecryptor));
    }
}
