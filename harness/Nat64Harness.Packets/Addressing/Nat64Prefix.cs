using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Nat64Harness.Addressing;

/// <summary>
/// An RFC 6052 NAT64 prefix (well-known 64:ff9b::/96 or network-specific) and the algorithm that
/// embeds IPv4 addresses into it and extracts them again.
/// </summary>
/// <remarks>
/// RFC 6052 §2.2 layout (bit positions of the 128-bit address):
/// <code>
///  +--+---+---+---+---+---+---+---+---+---+---+---+---+---+---+---+---+
///  |PL| 0-------------32--40--48--56--64--72--80--88--96--104---------|
///  +--+---+---+---+---+---+---+---+---+---+---+---+---+---+---+---+---+
///  |32|     prefix    |v4(32)         | u | suffix                    |
///  |40|     prefix        |v4(24)     | u |(8)| suffix                |
///  |48|     prefix            |v4(16) | u | (16)  | suffix            |
///  |56|     prefix                |(8)| u |  v4(24)   | suffix        |
///  |64|     prefix                    | u |   v4(32)      | suffix    |
///  |96|     prefix                                    |    v4(32)     |
///  +--+---+---+---+---+---+---+---+---+---+---+---+---+---+---+---+---+
/// </code>
/// Bits 64-71 (the "u" octet) MUST be zero; the suffix is reserved and is required to be zero here.
/// </remarks>
public sealed class Nat64Prefix : IEquatable<Nat64Prefix>
{
    private const int UOctetIndex = 8;
    private static readonly int[] ValidLengths = [32, 40, 48, 56, 64, 96];

    private readonly byte[] _network;

    private Nat64Prefix(byte[] network, int length)
    {
        _network = network;
        Length = length;
    }

    /// <summary>The Well-Known Prefix 64:ff9b::/96 (RFC 6052 §2.1).</summary>
    public static Nat64Prefix WellKnown { get; } = Parse("64:ff9b::/96");

    /// <summary>The prefix's network address (all bits beyond <see cref="Length"/> are zero).</summary>
    public IPAddress Network => new(_network);

    /// <summary>Prefix length in bits: one of 32, 40, 48, 56, 64, 96.</summary>
    public int Length { get; }

    /// <summary>
    /// True for the Well-Known Prefix 64:ff9b::/96.
    /// </summary>
    /// <remarks>
    /// RFC 6052 §3.1 says the Well-Known Prefix MUST NOT be used with non-global IPv4 addresses
    /// (RFC 1918, RFC 6598 shared space, ...). This class reports the fact but does not enforce it:
    /// the harness maps its IPv4 side into 100.64.0.0/10 on purpose, because it must never create
    /// networks that could shadow the host's real routes, and Tayga 0.9.2 accepts that range under
    /// 64:ff9b::/96. Callers that want the strict rule can test <see cref="IsWellKnown"/> themselves.
    /// </remarks>
    public bool IsWellKnown => Length == 96 && _network.AsSpan().SequenceEqual(WellKnownBytes);

    private static ReadOnlySpan<byte> WellKnownBytes => [0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];

    /// <summary>Parses "address/length", e.g. "64:ff9b::/96" or "2001:db8:100::/40".</summary>
    /// <exception cref="Nat64AddressingException">The text is not a valid RFC 6052 prefix; the message says which rule.</exception>
    public static Nat64Prefix Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!TryCreate(text, out var prefix, out var error))
        {
            throw new Nat64AddressingException(error, nameof(text));
        }

        return prefix;
    }

    /// <summary>Parses like <see cref="Parse"/> but returns false instead of throwing.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out Nat64Prefix? prefix)
    {
        prefix = null;
        return text is not null && TryCreate(text, out prefix, out _);
    }

    /// <summary>Embeds an IPv4 address into this prefix (RFC 6052 §2.2).</summary>
    /// <exception cref="Nat64AddressingException"><paramref name="ipv4"/> is not an IPv4 address.</exception>
    public IPAddress Synthesize(IPAddress ipv4)
    {
        ArgumentNullException.ThrowIfNull(ipv4);
        if (ipv4.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new Nat64AddressingException(
                $"Cannot synthesize from '{ipv4}' with prefix {this}: an IPv4 address is required (RFC 6052 §2.2).",
                nameof(ipv4));
        }

        Span<byte> v4 = stackalloc byte[4];
        ipv4.TryWriteBytes(v4, out _);
        var v6 = new byte[16];
        Synthesize(v4, v6);
        return new IPAddress(v6);
    }

    /// <summary>Embeds the 4 bytes of an IPv4 address into this prefix (RFC 6052 §2.2), without allocating.</summary>
    /// <param name="ipv4">The IPv4 address, 4 bytes in network order.</param>
    /// <param name="ipv6">Receives the 16 bytes of the synthesized IPv6 address.</param>
    /// <exception cref="ArgumentException">A span has the wrong length.</exception>
    public void Synthesize(ReadOnlySpan<byte> ipv4, Span<byte> ipv6)
    {
        if (ipv4.Length != 4 || ipv6.Length != 16)
        {
            throw new ArgumentException($"Synthesize takes 4 IPv4 bytes into 16 IPv6 bytes, not {ipv4.Length} into {ipv6.Length}.");
        }

        _network.CopyTo(ipv6);
        var position = Length / 8;
        foreach (var b in ipv4)
        {
            if (position == UOctetIndex)
            {
                position++;
            }

            ipv6[position++] = b;
        }
    }

    /// <summary>Extracts the embedded IPv4 address (RFC 6052 §2.3).</summary>
    /// <exception cref="Nat64AddressingException">The address is not IPv6, is outside this prefix, or breaks the u-octet or suffix rule.</exception>
    public IPAddress Extract(IPAddress ipv6)
    {
        ArgumentNullException.ThrowIfNull(ipv6);
        if (!TryExtract(ipv6, out var ipv4, out var error))
        {
            throw new Nat64AddressingException(error, nameof(ipv6));
        }

        return ipv4;
    }

    /// <summary>Extracts the embedded IPv4 address; false when <see cref="Extract"/> would throw.</summary>
    public bool TryExtract(IPAddress ipv6, [NotNullWhen(true)] out IPAddress? ipv4) => TryExtract(ipv6, out ipv4, out _);

    /// <summary>True when <paramref name="address"/> is IPv6 and its first <see cref="Length"/> bits equal the prefix.</summary>
    public bool Contains(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        return Contains(bytes);
    }

    /// <summary>True when <paramref name="address"/> (the bytes of an address) is IPv6 and its first <see cref="Length"/> bits equal the prefix.</summary>
    public bool Contains(ReadOnlySpan<byte> address) =>
        address.Length == 16 && address[..(Length / 8)].SequenceEqual(_network.AsSpan(0, Length / 8));

    /// <summary>
    /// Extracts the embedded IPv4 address from the 16 bytes of <paramref name="ipv6"/> into <paramref name="ipv4"/>
    /// without allocating; false when <see cref="Extract"/> would throw (outside the prefix, u-octet or suffix not zero).
    /// </summary>
    public bool TryExtract(ReadOnlySpan<byte> ipv6, Span<byte> ipv4) => Embedding(ipv6, ipv4) == EmbeddingProblem.None;

    /// <inheritdoc />
    public override string ToString() => $"{Network}/{Length.ToString(CultureInfo.InvariantCulture)}";

    /// <inheritdoc />
    public bool Equals(Nat64Prefix? other) =>
        other is not null && other.Length == Length && other._network.AsSpan().SequenceEqual(_network);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Nat64Prefix);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Length, new IPAddress(_network));

    private bool TryExtract(IPAddress ipv6, [NotNullWhen(true)] out IPAddress? ipv4, out string error)
    {
        ipv4 = null;
        if (ipv6 is null || ipv6.AddressFamily != AddressFamily.InterNetworkV6)
        {
            error = $"Cannot extract from '{ipv6}' with prefix {this}: an IPv6 address is required (RFC 6052 §2.3).";
            return false;
        }

        if (!Contains(ipv6))
        {
            error = $"Address {ipv6} is not inside prefix {this} (RFC 6052 §2.3).";
            return false;
        }

        Span<byte> bytes = stackalloc byte[16];
        ipv6.TryWriteBytes(bytes, out _);
        Span<byte> v4 = stackalloc byte[4];
        switch (Embedding(bytes, v4))
        {
            case EmbeddingProblem.UOctet:
                error = $"Address {ipv6} has non-zero bits 64-71 (u-octet 0x{bytes[UOctetIndex]:x2}) under prefix {this}; RFC 6052 §2.2 requires them to be zero.";
                return false;
            case EmbeddingProblem.Suffix:
                error = $"Address {ipv6} has non-zero suffix bits after the embedded IPv4 address under prefix {this}; RFC 6052 §2.2 reserves them as zero.";
                return false;
        }

        ipv4 = new IPAddress(v4);
        error = string.Empty;
        return true;
    }

    // RFC 6052 §2.2: the IPv4 bytes around the u-octet, which must be zero below /96, as must the suffix after them.
    private EmbeddingProblem Embedding(ReadOnlySpan<byte> ipv6, Span<byte> ipv4)
    {
        if (!Contains(ipv6))
        {
            return EmbeddingProblem.Outside;
        }

        if (Length < 96 && ipv6[UOctetIndex] != 0)
        {
            return EmbeddingProblem.UOctet;
        }

        var position = Length / 8;
        for (var i = 0; i < 4; i++)
        {
            if (position == UOctetIndex)
            {
                position++;
            }

            ipv4[i] = ipv6[position++];
        }

        return ipv6[position..].ContainsAnyExcept((byte)0) ? EmbeddingProblem.Suffix : EmbeddingProblem.None;
    }

    private static bool TryCreate(string text, [NotNullWhen(true)] out Nat64Prefix? prefix, out string error)
    {
        prefix = null;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            error = $"Prefix '{text}' has no '/length'; RFC 6052 prefixes are written like 64:ff9b::/96.";
            return false;
        }

        if (!int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var length)
            || Array.IndexOf(ValidLengths, length) < 0)
        {
            error = $"Prefix '{text}' has length '{text[(slash + 1)..]}'; RFC 6052 §2.2 allows only 32, 40, 48, 56, 64 or 96.";
            return false;
        }

        if (!IPAddress.TryParse(text.AsSpan(0, slash), out var address))
        {
            error = $"Prefix '{text}': '{text[..slash]}' is not an IP address.";
            return false;
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            error = $"Prefix '{text}': '{address}' is an IPv4 address; a NAT64 prefix must be IPv6 (RFC 6052 §2).";
            return false;
        }

        var bytes = address.GetAddressBytes();
        if (bytes.AsSpan(length / 8).ContainsAnyExcept((byte)0))
        {
            error = $"Prefix '{text}' has non-zero bits beyond /{length}; the host part of a prefix must be zero.";
            return false;
        }

        if (length == 96 && bytes[UOctetIndex] != 0)
        {
            error = $"Prefix '{text}' has non-zero bits 64-71 (u-octet); RFC 6052 §2.2 requires them to be zero for a /96.";
            return false;
        }

        prefix = new Nat64Prefix(bytes, length);
        error = string.Empty;
        return true;
    }

    private enum EmbeddingProblem
    {
        None,
        Outside,
        UOctet,
        Suffix,
    }
}
