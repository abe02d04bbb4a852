namespace Nat64Harness.Model;

/// <summary>Which NAT64 router a topology runs.</summary>
public enum RouterKind
{
    /// <summary>Tayga 0.9.2: stateless, userspace (containers/tayga).</summary>
    Tayga,

    /// <summary>Jool 4.1.9: stateful, in-kernel, in a micro-VM on hosts without its module (containers/jool).</summary>
    Jool,
}
