namespace Alexandria.Generators.Emitting.Validation
{
    /// <summary>minItems, maxItems, uniqueItems, prefixItems, items, contains, minContains, maxContains.</summary>
    internal sealed partial class SchemaMethodEmitter
    {
        private void EmitArrayKeywords()
        {
            var hasItems = _m.PrefixItems.Count > 0 || _m.Items is not null;
            if (_m.MinItems is null && _m.MaxItems is null && !_m.UniqueItems && !hasItems && _m.Contains is null)
            {
                return;
            }

            using (_w.OpenBlock("if (k == " + Kind + ".Array)"))
            {
                if (_m.MinItems is not null || _m.MaxItems is not null)
                {
                    _w.Line("var len = e.GetArrayLength();");
                    if (_m.MinItems is long min)
                    {
                        Fail("len < " + Int(min), "minItems", Lit("expected at least " + Int(min) + " items but found ") + " + len");
                    }

                    if (_m.MaxItems is long max)
                    {
                        Fail("len > " + Int(max), "maxItems", Lit("expected at most " + Int(max) + " items but found ") + " + len");
                    }
                }

                if (_m.UniqueItems)
                {
                    _w.Line("var (d1, d2) = JsonValues.FindDuplicate(e);");
                    Fail("d1 >= 0", "uniqueItems", "\"expected unique items but items \" + d1 + \" and \" + d2 + \" are equal\"");
                }

                if (hasItems)
                {
                    EmitItems();
                }

                if (_m.Contains is int contains)
                {
                    EmitContains(contains);
                }
            }
        }

        private void EmitItems()
        {
            var prefix = _m.PrefixItems.Count;
            using (Scope())
            {
                _w.Line("var i = 0;");
                using (_w.OpenBlock("foreach (var item in e.EnumerateArray())"))
                {
                    if (prefix > 0 && _m.Items is null)
                    {
                        _w.Line("if (i >= " + Int(prefix) + ") break;");
                    }

                    _w.Line("bool r;");
                    _w.Line("c.Push(i);");
                    using (_w.OpenBlock("switch (i)"))
                    {
                        for (var p = 0; p < prefix; p++)
                        {
                            _w.Line("case " + Int(p) + ":");
                            _w.Indentation++;
                            CallInto("r", _m.PrefixItems[p], "item", "null", declare: false);
                            _w.Line("break;");
                            _w.Indentation--;
                        }

                        _w.Line("default:");
                        _w.Indentation++;
                        if (_m.Items is int items)
                        {
                            CallInto("r", items, "item", "null", declare: false);
                        }
                        else
                        {
                            _w.Line("r = true;");
                        }

                        _w.Line("break;");
                        _w.Indentation--;
                    }

                    _w.Line("c.Pop();");
                    ChildFailed("r");
                    _w.Line("i++;");
                }

                if (prefix > 0)
                {
                    _w.Line("ev?.AddPrefix(i < " + Int(prefix) + " ? i : " + Int(prefix) + ");");
                }

                if (_m.Items is not null)
                {
                    _w.Line("ev?.AddAllItems();");
                }
            }
        }

        private void EmitContains(int contains)
        {
            using (Scope())
            {
                _w.Line("var matches = 0;");
                _w.Line("var i = 0;");
                using (_w.OpenBlock("foreach (var item in e.EnumerateArray())"))
                {
                    _w.Line("var was = c.Suspend();");
                    _w.Line("c.Push(i);");
                    var r = Call(contains, "item", "null");
                    _w.Line("c.Pop();");
                    _w.Line("c.Resume(was);");
                    using (_w.OpenBlock("if (" + r + ")"))
                    {
                        _w.Line("matches++;");
                        _w.Line("ev?.AddIndex(i);");
                    }

                    _w.Line("i++;");
                }

                var min = _m.MinContains ?? 1;
                if (min > 0)
                {
                    var keyword = _m.MinContains is null ? "contains" : "minContains";
                    Fail("matches < " + Int(min), keyword, Lit("expected at least " + Int(min) + " items matching 'contains' but found ") + " + matches");
                }

                if (_m.MaxContains is long max)
                {
                    Fail("matches > " + Int(max), "maxContains", Lit("expected at most " + Int(max) + " items matching 'contains' but found ") + " + matches");
                }
            }
        }
    }
}
