using System.Text;

namespace Mindguard.Tests.Fakes.Otlp;

/// <summary>
/// Reads just enough of an OTLP <c>ExportTraceServiceRequest</c> (protobuf) to group spans by the
/// instrumentation scope that produced them, each span as its raw text, so a test can ask what the
/// HTTP client instrumentation recorded without mistaking another in-process server's spans for ours.
/// </summary>
public static class OtlpSpans
{
    // resource_spans = 1; within it scope_spans = 2; within that scope = 1 (name = 1) and spans = 2.
    public static IEnumerable<(string Scope, string Span)> Read(byte[] request)
    {
        foreach (var resourceSpans in Fields(request, 1))
        foreach (var scopeSpans in Fields(resourceSpans, 2))
        {
            var scope = Fields(scopeSpans, 1).Select(s => Fields(s, 1).Select(Encoding.UTF8.GetString).FirstOrDefault()).FirstOrDefault() ?? "";
            foreach (var span in Fields(scopeSpans, 2)) yield return (scope, Encoding.UTF8.GetString(span));
        }
    }

    /// <summary>The length-delimited values of field <paramref name="number"/> in one protobuf message.</summary>
    private static IEnumerable<byte[]> Fields(byte[] message, int number)
    {
        var at = 0;
        while (at < message.Length)
        {
            var tag = Varint(message, ref at);
            switch (tag & 7)
            {
                case 0: Varint(message, ref at); break;
                case 1: at += 8; break;
                case 5: at += 4; break;
                case 2:
                    var length = (int)Varint(message, ref at);
                    if ((int)(tag >> 3) == number) yield return message[at..(at + length)];
                    at += length;
                    break;
                default: throw new FormatException($"Unexpected protobuf wire type {tag & 7}");
            }
        }
    }

    private static ulong Varint(byte[] buffer, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = buffer[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return value;
        }
    }
}
