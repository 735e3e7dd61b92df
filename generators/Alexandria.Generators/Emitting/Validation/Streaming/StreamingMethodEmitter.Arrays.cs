namespace Alexandria.Generators.Emitting.Validation.Streaming
{
    /// <summary>Array keywords in one pass over the items: prefixItems/items by position, contains on a copy, counts at the end.</summary>
    internal sealed partial class StreamingMethodEmitter
    {
        private bool HasArrayKeywords
            => _m.MinItems is not null || _m.MaxItems is not null || _m.UniqueItems || _m.PrefixItems.Count > 0 || _m.Items is not null || _m.Contains is not null;

        private void EmitArrayKeywords()
        {
            if (!HasArrayKeywords)
            {
                return;
            }

            using (_w.OpenBlock($"if (t == {Token}.StartArray)"))
            {
                if (_m.UniqueItems)
                {
                    _w.Line("if (!StreamingValues.ItemsAreUnique(s.Document, in r)) return false;");
                }

                _w.Line("var i = 0;");
                if (_m.Contains is not null)
                {
                    _w.Line("var matches = 0;");
                }

                using (_w.OpenBlock($"while (r.Read() && r.TokenType != {Token}.EndArray)"))
                {
                    if (_m.Contains is int contains)
                    {
                        var copy = Fresh("v");
                        _w.Line($"var {copy} = r;");
                        _w.Line($"if ({Call(contains, copy)}) matches++;");
                        _w.Line("else if (s.Undecided) return false;");
                    }

                    // An items schema alone reads each item to its last token; anything else may leave it unread.
                    if (!EmitItem())
                    {
                        _w.Line("r.Skip();");
                    }

                    _w.Line("i++;");
                }

                if (_m.MinItems is long min) _w.Line($"if (i < {Int(min)}) return false;");
                if (_m.MaxItems is long max) _w.Line($"if (i > {Int(max)}) return false;");
                if (_m.Contains is not null)
                {
                    var least = _m.MinContains ?? 1;
                    if (least > 0) _w.Line($"if (matches < {Int(least)}) return false;");
                    if (_m.MaxContains is long most) _w.Line($"if (matches > {Int(most)}) return false;");
                }
            }
        }

        /// <returns>Whether every item was read to its end.</returns>
        private bool EmitItem()
        {
            var prefix = _m.PrefixItems.Count;
            if (prefix == 0)
            {
                if (_m.Items is int every && !IsTrue(every))
                {
                    _w.Line($"if (!{Call(every, "r")}) return false;");
                    return true;
                }

                return false;
            }

            using (_w.OpenBlock("switch (i)"))
            {
                for (var p = 0; p < prefix; p++)
                {
                    _w.Line($"case {Int(p)}: if (!{Call(_m.PrefixItems[p], "r")}) return false; break;");
                }

                if (_m.Items is int items && !IsTrue(items))
                {
                    _w.Line($"default: if (!{Call(items, "r")}) return false; break;");
                }
            }

            return false;
        }
    }
}
