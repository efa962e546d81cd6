// Holds something Jenkins cannot checkpoint across a step: the CPS test must fail on it.
node {
  def names = ['a', 'b'].iterator()
  echo 'step'
  echo names.next()
}
