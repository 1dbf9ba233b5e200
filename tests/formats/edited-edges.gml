graph [
  directed 0
  node [
    id 0
    label "New York"
    port 9932
    routes "[{&quot;node&quot;: &quot;a/b&quot;, &quot;port&quot;: 9933}, {&quot;node&quot;: &quot;Zürich \&quot;1\&quot;&quot;, &quot;port&quot;: 9932}]"
  ]
  node [
    id 1
    label "a/b"
    port 9933
  ]
  node [
    id 2
    label "Zürich &quot;1&quot;"
    port 9932
    routes "[{&quot;host&quot;: &quot;10.0.0.4&quot;, &quot;port&quot;: 9932}]"
  ]
  node [
    id 3
    label "Boston"
    host "10.0.0.4"
    port 9932
  ]
  node [
    id 4
    label "alone here"
    port 9932
  ]
  edge [
    source 0
    target 1
  ]
  edge [
    source 0
    target 2
  ]
  edge [
    source 1
    target 4
  ]
  edge [
    source 2
    target 3
  ]
]
