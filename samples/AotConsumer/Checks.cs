using System;
using System.Collections.Generic;
using System.Linq;

namespace AotConsumer;

/// <summary>Records each check as one line of output; the exit code says whether any failed.</summary>
internal sealed class Checks
{
    private int _failed;
    private int _passed;

    public void Equal<T>(string name, T expected, T actual)
    {
        if (EqualityComparer<T>.Default.Equals(expected, actual))
        {
            Pass(name);
        }
        else
        {
            Fail(name, "expected " + expected + ", got " + actual);
        }
    }

    public void True(string name, bool condition, string detail = "")
    {
        if (condition)
        {
            Pass(name);
        }
        else
        {
            Fail(name, detail.Length == 0 ? "was false" : detail);
        }
    }

    /// <summary>Some pointer in <paramref name="pointers"/> is <paramref name="expected"/> or lies under it (the root: exactly it).</summary>
    public void Names(string name, string expected, IEnumerable<string> pointers)
    {
        var list = pointers.ToList();
        True(name, list.Any(p => p == expected || (expected.Length > 0 && p.StartsWith(expected + "/", StringComparison.Ordinal))),
            "expected an error at or under '" + expected + "', got [" + string.Join(", ", list.Select(a => "'" + a + "'")) + "]");
    }

    public void Throws<TException>(string name, Action action, Func<TException, string?>? check = null)
        where TException : Exception
    {
        try
        {
            action();
            Fail(name, "nothing was thrown");
        }
        catch (TException e)
        {
            var problem = check?.Invoke(e);
            if (problem is null)
            {
                Pass(name);
            }
            else
            {
                Fail(name, problem);
            }
        }
    }

    /// <summary>Prints the totals and returns the process exit code: 0 only when every check passed.</summary>
    public int Report()
    {
        Console.WriteLine(_passed + " checks ok, " + _failed + " failed");
        return _failed == 0 ? 0 : 1;
    }

    private void Pass(string name)
    {
        _passed++;
        Console.WriteLine("ok    " + name);
    }

    private void Fail(string name, string detail)
    {
        _failed++;
        Console.WriteLine("FAIL  " + name + ": " + detail);
    }
}
