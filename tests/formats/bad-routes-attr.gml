graph [
  node [ id 0 label "a" routes "[{&quot;host&quot;: &quot;b&quot;, &quot;port&quot;: 0}]" ]
  node [ id 1 label "b" ]
]
