graph [
  directed 0
  name "documentation figure 1"
  node [
    id 0
    label "node1"
    host "3.62.184.20"
    port 9932
  ]
  node [
    id 1
    label "node2"
    host "3.62.184.22"
    port 9932
  ]
  node [
    id 2
    label "node3"
    host "3.735.184.8"
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
]
