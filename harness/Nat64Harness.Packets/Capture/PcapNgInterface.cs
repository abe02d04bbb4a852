namespace Nat64Harness.Capture;

/// <summary>What an Interface Description Block says about the frames captured on it.</summary>
internal sealed record PcapNgInterface(int LinkType, uint SnapLength, byte TimestampResolution, long TimestampOffsetSeconds)
{
    /// <summary>if_tsresol: high bit clear = 10^-n seconds, set = 2^-n seconds. Default 6 (microseconds).</summary>
    public const byte DefaultResolution = 6;

    /// <summary>Converts a 64-bit timestamp in this interface's units to 100 ns ticks since the Unix epoch.</summary>
    public Int128 ToUnixTicks(ulong units)
    {
        var exponent = TimestampResolution & 0x7F;
        Int128 ticks;
        if ((TimestampResolution & 0x80) != 0)
        {
            ticks = exponent > 100 ? 0 : (Int128)units * TimeSpan.TicksPerSecond >> exponent;
        }
        else if (exponent <= 7)
        {
            ticks = (Int128)units * Pow10(7 - exponent);
        }
        else
        {
            ticks = exponent > 30 ? 0 : (Int128)units / Pow10(exponent - 7);
        }

        return ticks + (Int128)TimestampOffsetSeconds * TimeSpan.TicksPerSecond;
    }

    private static Int128 Pow10(int n)
    {
        Int128 value = 1;
        for (var i = 0; i < n; i++)
        {
            value *= 10;
        }

        return value;
    }
}
