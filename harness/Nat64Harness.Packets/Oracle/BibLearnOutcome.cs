namespace Nat64Harness.Oracle;

/// <summary>What <see cref="LearningTransportMapping.Learn"/> made of a pair.</summary>
public enum BibLearnOutcome
{
    /// <summary>A new binding was recorded (or the same one was already known).</summary>
    Learned,

    /// <summary>The IPv4 address is not in pool4: the translator used an address it does not own.</summary>
    AddressOutsidePool,

    /// <summary>The IPv4 port (or ICMP identifier) is outside the pool4 port range.</summary>
    PortOutsideRange,

    /// <summary>The client transport address is already bound to another pool4 transport address.</summary>
    Ipv6AlreadyBound,

    /// <summary>The pool4 transport address is already bound to another client transport address.</summary>
    Ipv4AlreadyBound,
}
