# Reference for tests/plots/cluster-order.test.ts (R 4.2.2): average-linkage clusters of a 5 × 5 distance.
d <- as.dist(matrix(c(0,.2,.9,.8,.7, .2,0,.85,.9,.75, .9,.85,0,.1,.6, .8,.9,.1,0,.65, .7,.75,.6,.65,0), 5))
h <- hclust(d, method = "average"); print(h$merge); print(h$height); print(h$order); print(cutree(h, 2))
# merge: (-3,-4) (-1,-2) (-5,1) (2,3); height 0.1 0.2 0.625 0.8166667; order 1 2 5 3 4; cutree 1 1 2 2 2
