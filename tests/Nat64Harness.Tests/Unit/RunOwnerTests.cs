using System.Diagnostics;
using System.Globalization;
using FluentAssertions;
using Nat64Harness.Docker;
using Xunit;

namespace Nat64Harness.Tests.Unit;

/// <summary>
/// The reaper's judgement of a run's owner, against real processes: this one, a child, a reused pid, a dead pid,
/// and a process in a PID namespace of its own (as a test host inside a container would be).
/// </summary>
[Trait("Category", "Unit")]
public sealed class RunOwnerTests
{
    private const string Host = "this-host";

    [Fact]
    public void Judge_LabelsOfThisProcess_Alive()
    {
        var labels = Labels(ProcessIdentity.Current);

        RunOwner.Judge(labels, localEngine: true, ProcessIdentity.Current, Host).State.Should().Be(OwnerState.Alive);
    }

    [Fact]
    public async Task Judge_RunningChild_AliveAndWithAnotherStartTime_DeadAsReused()
    {
        // Given a running process and the identity it really has
        using var child = Start("sleep", "60");
        try
        {
            var identity = Identify(child.Id);

            // Then its labels say alive; the same pid with another start time is a reused pid: dead
            RunOwner.Judge(Labels(identity), true, ProcessIdentity.Current, Host).State.Should().Be(OwnerState.Alive);
            var reused = RunOwner.Judge(Labels(identity with { StartTicks = identity.StartTicks - 1 }), true, ProcessIdentity.Current, Host);
            reused.State.Should().Be(OwnerState.Dead);
            reused.Reason.Should().Contain("reused");
        }
        finally
        {
            child.Kill();
            await child.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task Judge_ExitedProcess_Dead()
    {
        using var child = Start("true");
        var identity = Identify(child.Id, allowGone: true);
        await child.WaitForExitAsync();

        RunOwner.Judge(Labels(identity), true, ProcessIdentity.Current, Host).State.Should().Be(OwnerState.Dead);
    }

    [SkippableFact]
    public async Task Judge_ProcessInAnotherPidNamespace_AliveWhileItRunsDeadAfter()
    {
        // Given a process that is pid 1 of a PID namespace of its own (a test host inside a container)
        Skip.IfNot(ProcessIdentity.Current.PidNamespace == ProcessIdentity.InitialPidNamespace, "needs the initial PID namespace");
        using var unshare = Start("unshare", "--pid", "--fork", "sleep", "60");
        try
        {
            var inner = await ChildOfAsync(unshare.Id);
            var hostView = Identify(inner);
            var labels = Labels(hostView with
            {
                Pid = ProcessIdentity.InnermostPidOf(inner.ToString(CultureInfo.InvariantCulture))!.Value,
            });
            labels[HarnessLabels.OwnerPid].Should().Be("1");
            hostView.PidNamespace.Should().NotBe(ProcessIdentity.Current.PidNamespace);

            // Then its run is alive, found through its namespace
            var live = RunOwner.Judge(labels, true, ProcessIdentity.Current, Host);
            live.State.Should().Be(OwnerState.Alive, live.Reason);

            // When it exits; Then the same labels are dead
            unshare.Kill(entireProcessTree: true);
            await unshare.WaitForExitAsync();
            await WaitGoneAsync(inner);
            var dead = RunOwner.Judge(labels, true, ProcessIdentity.Current, Host);
            dead.State.Should().Be(OwnerState.Dead);
            dead.Reason.Should().Contain($"PID namespace {hostView.PidNamespace}");
        }
        finally
        {
            if (!unshare.HasExited)
            {
                unshare.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public void Judge_NamespaceThisProcessCannotSee_Unknown()
    {
        // A judge outside the initial PID namespace cannot tell a gone namespace from one it does not see.
        var confined = ProcessIdentity.Current with { PidNamespace = 4026532999 };
        var labels = Labels(ProcessIdentity.Current with { PidNamespace = 4026532111, Pid = 7 });

        RunOwner.Judge(labels, true, confined, Host).State.Should().Be(OwnerState.Unknown);
    }

    [Theory]
    [InlineData(true, OwnerState.Dead)]     // a local engine runs here: another boot's run died with it
    [InlineData(false, OwnerState.Unknown)] // a remote engine: a namesake host, not ours to judge
    public void Judge_OwnerOfAnotherBoot_DependsOnWhereTheEngineRuns(bool local, OwnerState expected)
    {
        var labels = Labels(ProcessIdentity.Current with { BootId = "00000000-0000-0000-0000-000000000000" });

        RunOwner.Judge(labels, local, ProcessIdentity.Current, Host).State.Should().Be(expected);
    }

    [Fact]
    public void Judge_OwnerOnAnotherHost_Unknown()
    {
        var labels = Labels(ProcessIdentity.Current);

        RunOwner.Judge(labels, true, ProcessIdentity.Current, "another-host").State.Should().Be(OwnerState.Unknown);
    }

    [Theory]
    [InlineData("4242 (sleep) S 1 4242 4242 0 -1 4194560 90 0 0 0 0 0 0 0 20 0 1 0 123456 2449408 128", 123456L)]
    [InlineData("77 (a b) c)) R 1 77 77 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 99 0 0", 99L)] // a command name with spaces and ')'
    [InlineData("garbage", null)]
    public void ParseStartTicks_ReadsField22AfterTheCommandName(string stat, long? expected) =>
        ProcessIdentity.ParseStartTicks(stat).Should().Be(expected);

    private static Dictionary<string, string> Labels(ProcessIdentity owner) => new(HarnessLabels.ForRun("owner-test", owner))
    {
        [HarnessLabels.OwnerHost] = Host,
    };

    private static ProcessIdentity Identify(int pid, bool allowGone = false)
    {
        var entry = pid.ToString(CultureInfo.InvariantCulture);
        var start = ProcessIdentity.StartTicksOf(entry);
        if (start is null && !allowGone)
        {
            throw new InvalidOperationException($"pid {pid} is gone");
        }

        return new ProcessIdentity(pid, ProcessIdentity.PidNamespaceOf(entry) ?? ProcessIdentity.Current.PidNamespace, start ?? 1, ProcessIdentity.Current.BootId);
    }

    private static Process Start(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        return Process.Start(psi)!;
    }

    private static async Task<int> ChildOfAsync(int parent)
    {
        for (var i = 0; i < 100; i++)
        {
            var children = File.ReadAllText($"/proc/{parent}/task/{parent}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (children.Length > 0)
            {
                return int.Parse(children[0], CultureInfo.InvariantCulture);
            }

            await Task.Delay(50);
        }

        throw new InvalidOperationException($"pid {parent} forked no child");
    }

    private static async Task WaitGoneAsync(int pid)
    {
        for (var i = 0; i < 100 && Directory.Exists($"/proc/{pid}"); i++)
        {
            await Task.Delay(50);
        }
    }
}
