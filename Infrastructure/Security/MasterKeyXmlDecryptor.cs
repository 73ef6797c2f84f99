using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Mindguard.Infrastructure.Security;

/// <summary>
/// Opens what <see cref="MasterKeyXmlEncryptor"/> sealed. Data Protection creates it by the type name stored
/// beside each key, passing the host's services (the only constructor it knows how to fill).
/// </summary>
public sealed class MasterKeyXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var value = encryptedElement.Element("value")?.Value
            ?? throw new FormatException("A sealed Data Protection key has no value element.");
        var ring = services.GetRequiredService<MasterKeyRing>();
        return XElement.Parse(ring.DecryptText(Convert.FromBase64String(value), MasterKeyXmlEncryptor.AssociatedData));
    }
}
