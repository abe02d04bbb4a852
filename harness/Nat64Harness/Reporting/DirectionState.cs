using System.Net;
using Nat64Harness.Addressing;
using Nat64Harness.Packets;

namespace Nat64Harness.Reporting;

/// <summary>Guesses the direction of packets the oracle did not place, from the prefix and what was placed before.</summary>
internal sealed class DirectionState(Nat64Prefix? prefix, IEnumerable<IPAddress>? probeSide)
{
    private readonly HashSet<IPAddress> _probeSide = [.. probeSide ?? []];
    private readonly HashSet<IPAddress> _farSide = [];

    public LadderDirection Guess(IpPacket packet)
    {
        if (packet.Version == 6 && prefix is { } p)
        {
            if (p.Contains(packet.Destination) && !p.Contains(packet.Source))
            {
                return LadderDirection.Outbound;
            }

            if (p.Contains(packet.Source) && !p.Contains(packet.Destination))
            {
                return LadderDirection.Inbound;
            }
        }

        if (_probeSide.Contains(packet.Source) || _farSide.Contains(packet.Destination))
        {
            return LadderDirection.Outbound;
        }

        if (_probeSide.Contains(packet.Destination) || _farSide.Contains(packet.Source))
        {
            return LadderDirection.Inbound;
        }

        // Neither end placed yet: the probe starts every exchange, so the first packet between two addresses goes out.
        return LadderDirection.Outbound;
    }

    public void Learn(IpPacket packet, LadderDirection direction)
    {
        var (near, far) = direction == LadderDirection.Outbound ? (packet.Source, packet.Destination) : (packet.Destination, packet.Source);
        if (!_farSide.Contains(near))
        {
            _probeSide.Add(near);
        }

        if (!_probeSide.Contains(far))
        {
            _farSide.Add(far);
        }
    }
}
