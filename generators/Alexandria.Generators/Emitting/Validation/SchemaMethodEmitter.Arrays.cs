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

            using (_w.OpenBlock($"if (k == {Kind}.Array)"))
            {
                if (_m.MinItems is not null || _m.MaxItems is not null)
                {
                    _w.Line("var len = e.GetArrayLength();");
                    if (_m.MinItems is long min)
                    {
                        Fail("len < " + Int(min), "minItems", "InstanceText.Has(\"the array\", len, \"item\") + " + Lit(", fewer than the minimum " + Int(min)));
                    }

                    if (_m.MaxItems is long max)
                    {
                        Fail("len > " + Int(max), "maxItems", "InstanceText.Has(\"the array\", len, \"item\") + " + Lit(", more than the maximum " + Int(max)));
                    }
                }

                if (_m.UniqueItems)
                {
                    _w.Line("var (d1, d2) = JsonValues.FindDuplicate(e);");
                    Fail("d1 >= 0", "uniqueItems", "\"items \" + d1 + \" and \" + d2 + \" are equal (items must be unique)\"");
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
                        _w.Line($"if (i >= {Int(prefix)}) break;");
                    }

                    _w.Line("bool r;");
                    _w.Line("c.Push(i);");
                    using (_w.OpenBlock("switch (i)"))
                    {
                        for (var p = 0; p < prefix; p++)
                        {
                            _w.Line($"case {Int(p)}:");
                            _w.Indentation++;
                            CallInto("r", _m.PrefixItems[p], "item", "null", declare: false);
                            _w.Line("break;");
                            _w.Indentation--;
                        }

                        _w.Line("default:");
                        _w.Indentation++;
                        if (_m.Items is int items && IsFalseSchema(items))
                        {
                            // Reported as items/additionalItems (the keyword that refuses the item), at the item, saying how many fit.
                            var fit = prefix == 0 ? "(the array must be empty)" : "(the array may have at most " + Int(prefix) + (prefix == 1 ? " item)" : " items)");
                            _w.Line($"c.Fail({Literal(_m.ItemsKeyword)}, \"item \" + i + {Literal(" is not allowed here " + fit)}, {At(_m.ItemsKeyword)});");
                            _w.Line("r = false;");
                        }
                        else if (_m.Items is int itemSchema)
                        {
                            CallInto("r", itemSchema, "item", "null", declare: false);
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
                    _w.Line($"ev?.AddPrefix(i < {Int(prefix)} ? i : {Int(prefix)});");
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
                    using (_w.OpenBlock($"if ({r})"))
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
                    var message = min == 1
                        ? Lit("no item of the array matches the schema in 'contains'")
                        : "InstanceText.Has(\"the array\", matches, \"item\") + " + Lit(" matching 'contains', fewer than the minimum " + Int(min));
                    Fail("matches < " + Int(min), keyword, message);
                }

                if (_m.MaxContains is long max)
                {
                    Fail("matches > " + Int(max), "maxContains", "InstanceText.Has(\"the array\", matches, \"item\") + " + Lit(" matching 'contains', more than the maximum " + Int(max)));
                }
            }
        }
    }
}
