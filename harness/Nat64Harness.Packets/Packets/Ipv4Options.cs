namespace Nat64Harness.Packets;

/// <summary>
/// Walks IPv4 options (RFC 791 §3.1): End of Option List (0), No Operation (1), otherwise type, length, data.
/// </summary>
public static class Ipv4Options
{
    /// <summary>Loose Source and Record Route.</summary>
    public const byte LooseSourceRoute = 131;

    /// <summary>Strict Source and Record Route.</summary>
    public const byte StrictSourceRoute = 137;

    /// <summary>
    /// True when a source route option still has addresses to visit (pointer ≤ length), which RFC 7915 §4.1
    /// forbids translating. Malformed options end the walk.
    /// </summary>
    public static bool HasUnexpiredSourceRoute(ReadOnlySpan<byte> options)
    {
        var i = 0;
        while (i < options.Length)
        {
            var type = options[i];
            if (type == 0)
            {
                return false;
            }

            if (type == 1)
            {
                i++;
                continue;
            }

            if (i + 1 >= options.Length || options[i + 1] < 2 || i + options[i + 1] > options.Length)
            {
                return false;
            }

            var length = options[i + 1];
            if (type is LooseSourceRoute or StrictSourceRoute && length >= 3 && options[i + 2] <= length)
            {
                return true;
            }

            i += length;
        }

        return false;
    }
}
