using System.Globalization;
using System.Net;
using Nat64Harness.Model;

namespace Nat64Harness.Networks;

/// <summary>The host's routes, read from the kernel (/proc/net/route, /proc/net/ipv6_route), for the allocator's overlap check.</summary>
public static class HostRoutes
{
    /// <summary>Destinations of the host's IPv4 and IPv6 routes, default routes excluded.</summary>
    public static IEnumerable<IPNetwork> Read()
    {
        if (File.Exists("/proc/net/route"))
        {
            foreach (var line in File.ReadLines("/proc/net/route").Skip(1))
            {
                var f = line.Split('\t', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                if (f.Length < 8)
                {
                    continue;
                }

                // Little-endian hex words, as the kernel prints them on x86.
                var dest = new IPAddress(BitConverter.GetBytes(uint.Parse(f[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture)));
                var mask = uint.Parse(f[7], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                var len = System.Numerics.BitOperations.PopCount(mask);
                if (len > 0)
                {
                    yield return IPNetworkExtensions.Masked(dest, len);
                }
            }
        }

        if (File.Exists("/proc/net/ipv6_route"))
        {
            foreach (var line in File.ReadLines("/proc/net/ipv6_route"))
            {
                var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (f.Length < 2)
                {
                    continue;
                }

                var len = int.Parse(f[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                if (len > 0 && len <= 128)
                {
                    yield return IPNetworkExtensions.Masked(new IPAddress(Convert.FromHexString(f[0])), len);
                }
            }
        }
    }
}
